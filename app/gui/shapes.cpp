#include "shapes.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <imgui_internal.h> // ImRsqrt, ImDrawList::_Path

namespace casebook::gui {

namespace {

// The most points ImDrawList::PathRect gives a rectangle: four corners of at most a quarter of
// its 48 arc samples each, and their ends.
constexpr int max_points = 64;

// The outline's vertex normals as ImDrawList's anti-aliased fill works them out: each edge's
// unit normal, averaged at a vertex and lengthened so the edge moves by half the fringe.
ImVec2 unit_normal(ImVec2 from, ImVec2 to) {
    const float dx = to.x - from.x, dy = to.y - from.y;
    const float d2 = dx * dx + dy * dy;
    const float inv = d2 > 0.0f ? ImRsqrt(d2) : 0.0f;
    return {dy * inv, -dx * inv};
}

ImVec2 fringe_offset(ImVec2 n0, ImVec2 n1, float half_fringe) {
    float x = (n0.x + n1.x) * 0.5f, y = (n0.y + n1.y) * 0.5f;
    const float d2 = x * x + y * y;
    if (d2 > 0.000001f) {
        const float inv_len2 = std::min(1.0f / d2, 100.0f);
        x *= inv_len2;
        y *= inv_len2;
    }
    return {x * half_fringe, y * half_fringe};
}

// Writes triangles into a reserved draw list, and adds the vertices the pieces need.
struct Writer {
    ImDrawList* dl;
    ImU32 colour;
    ImVec2 uv;
    ImDrawIdx first; // index of the draw list's first vertex of this shape
    int vertices = 0;

    ImDrawIdx vertex(ImVec2 pos, ImU32 col) {
        *dl->_VtxWritePtr++ = {pos, uv, col};
        return static_cast<ImDrawIdx>(first + vertices++);
    }
    void triangle(ImDrawIdx a, ImDrawIdx b, ImDrawIdx c) {
        dl->_IdxWritePtr[0] = a;
        dl->_IdxWritePtr[1] = b;
        dl->_IdxWritePtr[2] = c;
        dl->_IdxWritePtr += 3;
    }
};

// A convex polygon (`at` gives its n vertex indices in order, `y` their heights) cut into strips
// from the top down: two chains leave the top vertex, one each way round, and each step takes
// the next vertex of the chain that is higher. Odd strips are drawn first, then even ones: SDL's
// software renderer takes two triangles in a row that make an upright rectangle for a
// rectangle, and fills that by its own rounding, a row or column short of the triangles.
template <class At, class Y> void fill_convex(Writer& w, int n, At&& at, Y&& y) {
    struct Triangle {
        int a, b, c;
    };
    std::array<Triangle, max_points> strips; // filled below; no need to clear
    int count = 0;
    int top = 0;
    for (int i = 1; i < n; ++i)
        if (y(i) < y(top)) top = i;
    int left = top > 0 ? top - 1 : n - 1;
    int right = top + 1 < n ? top + 1 : 0;
    strips[count++] = {left, top, right};
    for (int k = 1; k < n - 2; ++k) {
        const int left_next = left > 0 ? left - 1 : n - 1;
        const int right_next = right + 1 < n ? right + 1 : 0;
        if (y(right_next) <= y(left_next)) {
            strips[count++] = {left, right, right_next};
            right = right_next;
        } else {
            strips[count++] = {left, right, left_next};
            left = left_next;
        }
    }
    for (int parity = 0; parity < 2; ++parity)
        for (int k = parity; k < count; k += 2)
            w.triangle(at(strips[k].a), at(strips[k].b), at(strips[k].c));
}

} // namespace

void fill_rect_for_cpu(ImDrawList* dl, ImVec2 min, ImVec2 max, ImU32 colour, float rounding) {
    if ((colour & IM_COL32_A_MASK) == 0) return;
    if (rounding <= 0.0f || !(dl->Flags & ImDrawListFlags_AntiAliasedFill)) {
        dl->AddRectFilled(min, max, colour, rounding);
        return;
    }
    dl->PathRect(min, max, rounding);
    const int n = dl->_Path.Size;
    if (n < 3 || n > max_points) { // not a rounded rectangle ImGui would make: its own fill
        dl->PathClear();
        dl->AddRectFilled(min, max, colour, rounding);
        return;
    }
    const ImVec2* points = dl->_Path.Data; // cleared at the end

    // Per outline point an inner vertex (the fill's edge) and an outer one (the fringe's, fading
    // to transparent), where ImDrawList::AddConvexPolyFilled puts them.
    struct Point {
        float x, y;
    };
    std::array<Point, max_points> inner; // filled below; no need to clear
    const float half_fringe = dl->_FringeScale * 0.5f;
    // At most 44 more vertices (below), n + 24 fill triangles and 2n of fringe.
    dl->PrimReserve((n + 24) * 3 + n * 6, n * 2 + 44);
    Writer w{dl, colour, dl->_Data->TexUvWhitePixel, static_cast<ImDrawIdx>(dl->_VtxCurrentIdx)};
    const ImU32 transparent = colour & ~IM_COL32_A_MASK;
    ImVec2 normal_before = unit_normal(points[n - 1], points[0]);
    for (int i = 0; i < n; ++i) {
        const ImVec2 normal_after = i + 1 < n ? unit_normal(points[i], points[i + 1])
                                              : unit_normal(points[n - 1], points[0]);
        const ImVec2 o = fringe_offset(normal_before, normal_after, half_fringe);
        inner[i] = {points[i].x - o.x, points[i].y - o.y};
        w.vertex({inner[i].x, inner[i].y}, colour);
        w.vertex({points[i].x + o.x, points[i].y + o.y}, transparent);
        normal_before = normal_after;
    }
    auto inner_index = [&](int i) { return static_cast<ImDrawIdx>(w.first + 2 * i); };
    auto outer_index = [&](int i) { return static_cast<ImDrawIdx>(w.first + 2 * i + 1); };

    // The inside. Where it has a band as wide as the shape, the band's middle is a rectangle on
    // whole pixels, drawn as two triangles in a row so that SDL's software renderer fills it as
    // a rectangle (several times faster than triangles); around it, caps above and below and
    // slivers at the sides, all meeting it on whole pixels, so no pixel is drawn twice or missed.
    float left_x = inner[0].x, right_x = inner[0].x;
    for (int i = 1; i < n; ++i) {
        left_x = std::min(left_x, inner[i].x);
        right_x = std::max(right_x, inner[i].x);
    }
    float band_top = -FLT_MAX, band_bottom = FLT_MAX;
    for (const float side : {left_x, right_x}) {
        float top = FLT_MAX, bottom = -FLT_MAX;
        for (int i = 0; i < n; ++i)
            if (std::fabs(inner[i].x - side) < 0.001f) { // a straight side, give or take rounding
                top = std::min(top, inner[i].y);
                bottom = std::max(bottom, inner[i].y);
            }
        band_top = std::max(band_top, top);
        band_bottom = std::min(band_bottom, bottom);
    }
    const float y0 = std::ceil(band_top), y1 = std::floor(band_bottom);
    const float x0 = std::ceil(left_x), x1 = std::floor(right_x);
    if (y1 - y0 < 1.0f || x1 - x0 < 1.0f) {
        fill_convex(w, n, inner_index, [&](int i) { return inner[i].y; });
    } else {
        // Caps: the outline's points above y0 (or below y1), in order, closed along that line.
        // Where a cap has the shape's straight top (or bottom) edge, it is cut again like the
        // inside: its middle's whole-pixel rows a rectangle, the part row at the edge a sliver,
        // the corners either side pieces that meet them on whole pixels. A sliver's two
        // triangles are kept apart, so SDL does not take them for a rectangle.
        auto cap = [&](bool above, float line) {
            auto in_cap = [&](int i) { return above ? inner[i].y < line : inner[i].y > line; };
            int start = 0;
            while (start < n && !(in_cap(start) && !in_cap(start > 0 ? start - 1 : n - 1)))
                ++start;
            if (start == n) return;          // nothing beyond the line: the band reaches the edge
            std::array<int, max_points> pts; // the cap's outline points; filled below
            int m = 0;
            for (int i = start; in_cap(i) && m < n; i = i + 1 < n ? i + 1 : 0)
                pts[m++] = i;
            // Going round clockwise, the top cap starts on the left and ends on the right, the
            // bottom one the other way.
            const float start_x = above ? left_x : right_x, end_x = above ? right_x : left_x;

            // A piece of the cap: its vertices in order round it, then filled.
            std::array<ImDrawIdx, max_points + 4> at; // filled below; no need to clear
            std::array<float, max_points + 4> y;
            int count = 0;
            auto outline = [&](int from, int to) { // the cap's outline points from..to-1
                for (int k = from; k < to; ++k) {
                    at[count] = inner_index(pts[k]);
                    y[count++] = inner[pts[k]].y;
                }
            };
            auto corner = [&](float x, float height) { // a vertex of the piece's own
                at[count] = w.vertex({x, height}, colour);
                y[count++] = height;
            };
            auto fill_piece = [&] {
                fill_convex(
                    w, count, [&](int i) { return at[i]; }, [&](int i) { return y[i]; });
                count = 0;
            };
            // The straight edge: two points in a row at one height, furthest apart.
            int edge = -1;
            float widest = 0;
            for (int k = 0; k + 1 < m; ++k) {
                const Point &a = inner[pts[k]], &b = inner[pts[k + 1]];
                if (a.y == b.y && std::fabs(b.x - a.x) > widest) {
                    widest = std::fabs(b.x - a.x);
                    edge = k;
                }
            }
            const float ey = edge >= 0 ? inner[pts[edge]].y : 0.0f;
            const float cx0 =
                edge >= 0 ? std::ceil(std::min(inner[pts[edge]].x, inner[pts[edge + 1]].x)) : 0.0f;
            const float cx1 =
                edge >= 0 ? std::floor(std::max(inner[pts[edge]].x, inner[pts[edge + 1]].x)) : 0.0f;
            // The rows of whole pixels between the edge and the line, if any.
            const float whole_from = above ? std::ceil(ey) : std::floor(ey);
            const bool rows = above ? whole_from < line : whole_from > line;
            if (edge < 0 || cx1 - cx0 < 1.0f || !rows) {
                outline(0, m);
                corner(end_x, line);
                corner(start_x, line);
                fill_piece();
                return;
            }
            // The whole-pixel x next to the edge's first point, and next to its second.
            const float near_first = above ? cx0 : cx1, near_second = above ? cx1 : cx0;
            // The corner before the edge: its points, then across to whole pixels and down.
            outline(0, edge + 1);
            corner(near_first, ey);
            corner(near_first, line);
            corner(start_x, line);
            fill_piece();
            // The sliver between the edge and the first whole row, half of it here.
            const ImDrawIdx s0 = w.vertex({cx0, ey}, colour), s1 = w.vertex({cx1, ey}, colour),
                            s2 = w.vertex({cx1, whole_from}, colour),
                            s3 = w.vertex({cx0, whole_from}, colour);
            const bool sliver = whole_from != ey;
            if (sliver) w.triangle(s0, s1, s2);
            // The whole rows, as a rectangle: top left, top right, bottom right; then top left,
            // bottom right, bottom left.
            const float top = above ? whole_from : line, bottom = above ? line : whole_from;
            const ImDrawIdx m0 = w.vertex({cx0, top}, colour), m1 = w.vertex({cx1, top}, colour),
                            m2 = w.vertex({cx1, bottom}, colour),
                            m3 = w.vertex({cx0, bottom}, colour);
            w.triangle(m0, m1, m2);
            w.triangle(m0, m2, m3);
            // The corner after the edge.
            corner(near_second, ey);
            outline(edge + 1, m);
            corner(end_x, line);
            corner(near_second, line);
            fill_piece();
            if (sliver) w.triangle(s0, s2, s3);
        };
        cap(true, y0);
        cap(false, y1);
        // Slivers between the outline's sides and the whole pixels, interleaved so that no two
        // triangles in a row make a rectangle.
        const ImDrawIdx l0 = w.vertex({left_x, y0}, colour), l1 = w.vertex({x0, y0}, colour),
                        l2 = w.vertex({x0, y1}, colour), l3 = w.vertex({left_x, y1}, colour);
        const ImDrawIdx r0 = w.vertex({x1, y0}, colour), r1 = w.vertex({right_x, y0}, colour),
                        r2 = w.vertex({right_x, y1}, colour), r3 = w.vertex({x1, y1}, colour);
        w.triangle(l0, l1, l2);
        w.triangle(r0, r1, r2);
        w.triangle(l0, l2, l3);
        w.triangle(r0, r2, r3);
        // The middle: top left, top right, bottom right; then top left, bottom right, bottom left.
        const ImDrawIdx m0 = w.vertex({x0, y0}, colour), m1 = w.vertex({x1, y0}, colour),
                        m2 = w.vertex({x1, y1}, colour), m3 = w.vertex({x0, y1}, colour);
        w.triangle(m0, m1, m2);
        w.triangle(m0, m2, m3);
    }

    // Then the fringe, drawn over the inside's edge as ImGui draws it.
    for (int i = 0; i < n; ++i) {
        const int before = i > 0 ? i - 1 : n - 1;
        w.triangle(inner_index(i), inner_index(before), outer_index(before));
        w.triangle(outer_index(before), outer_index(i), inner_index(i));
    }
    dl->_VtxCurrentIdx += static_cast<unsigned int>(w.vertices);
    dl->PathClear();
    // Give back what was reserved and not used.
    const auto unused_idx =
        static_cast<int>(dl->IdxBuffer.Data + dl->IdxBuffer.Size - dl->_IdxWritePtr);
    const auto unused_vtx =
        static_cast<int>(dl->VtxBuffer.Data + dl->VtxBuffer.Size - dl->_VtxWritePtr);
    dl->PrimUnreserve(unused_idx, unused_vtx);
}

std::size_t BoxCache::KeyHash::operator()(const Key& k) const {
    std::size_t h = 0;
    auto mix = [&h](std::size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); };
    for (const float f : {k.width, k.height, k.rounding, k.thickness, k.fringe})
        mix(std::hash<float>{}(f));
    mix(k.fill);
    mix(k.border);
    mix(static_cast<std::size_t>(k.flags));
    return h;
}

void BoxCache::draw(ImDrawList* dl, ImVec2 min, ImVec2 max, ImU32 fill, ImU32 border,
                    float rounding, float thickness) {
    const Key key{max.x - min.x,    max.y - min.y, rounding, thickness,
                  dl->_FringeScale, fill,          border,   dl->Flags};
    auto [it, added] = entries_.try_emplace(key);
    Entry& e = it->second;
    if (added) {
        // Drawn once by ImGui itself, at the origin, on a draw list of its own.
        ImDrawList scratch(dl->_Data);
        scratch._ResetForNewFrame();
        scratch.Flags = dl->Flags;
        scratch._FringeScale = dl->_FringeScale;
        scratch.PushClipRectFullScreen();
        const ImVec2 size{key.width, key.height};
        if (fill & IM_COL32_A_MASK) scratch.AddRectFilled({0, 0}, size, fill, rounding);
        if (border & IM_COL32_A_MASK) scratch.AddRect({0, 0}, size, border, rounding, 0, thickness);
        e.vertices.assign(scratch.VtxBuffer.begin(), scratch.VtxBuffer.end());
        e.indices.assign(scratch.IdxBuffer.begin(), scratch.IdxBuffer.end());
    }
    e.last_used = frame_;
    if (e.indices.empty()) return;
    const auto vertices = static_cast<int>(e.vertices.size());
    dl->PrimReserve(static_cast<int>(e.indices.size()), vertices);
    const auto base = static_cast<ImDrawIdx>(dl->_VtxCurrentIdx);
    // Through local pointers, so the compiler need not reload the draw list's at every step.
    ImDrawVert* vtx = dl->_VtxWritePtr;
    for (const ImDrawVert& v : e.vertices)
        *vtx++ = {{v.pos.x + min.x, v.pos.y + min.y}, v.uv, v.col};
    dl->_VtxWritePtr = vtx;
    ImDrawIdx* idx = dl->_IdxWritePtr;
    for (const ImDrawIdx i : e.indices)
        *idx++ = static_cast<ImDrawIdx>(base + i);
    dl->_IdxWritePtr = idx;
    dl->_VtxCurrentIdx += static_cast<unsigned int>(vertices);
}

void BoxCache::end_frame() {
    // As TextLayouts: about two seconds of frames.
    constexpr int kept_for = 120;
    if (++frame_ % kept_for != 0) return;
    std::erase_if(entries_, [&](const auto& e) { return frame_ - e.second.last_used > kept_for; });
}

} // namespace casebook::gui
