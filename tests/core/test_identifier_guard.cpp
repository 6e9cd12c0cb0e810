// The identifier guard: each kind of identifier is found with the right byte span, near misses
// are left alone, precedence between the ten-digit schemes holds, offsets are right after
// accented UTF-8, and redaction replaces exactly the spans found.
#include "casebook/identifiers.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace casebook;

namespace {

// Every match in `text` as "kind[span]", joined with spaces, so a test reads as the result.
std::string found(std::string_view text) {
    std::string out;
    for (const auto& m : find_identifiers(text)) {
        if (!out.empty()) out += ' ';
        out += to_string(m.kind);
        out += '[';
        out += text.substr(m.begin, m.end - m.begin);
        out += ']';
    }
    return out;
}

// The reason given for the only match in `text`.
std::string reason(std::string_view text) {
    const auto matches = find_identifiers(text);
    REQUIRE(matches.size() == 1);
    return matches[0].reason;
}

bool sorted_and_disjoint(const std::vector<IdentifierMatch>& ms, std::size_t size) {
    std::size_t last_end = 0;
    for (const auto& m : ms) {
        if (m.begin < last_end || m.end <= m.begin || m.end > size) return false;
        last_end = m.end;
    }
    return true;
}

} // namespace

TEST_CASE("NHS numbers are flagged when they pass the modulus-11 check", "[guard]") {
    const auto [text, expected] = GENERATE(table<std::string, std::string>({
        {"NHS number 943 476 5919 on file", "nhs_number[943 476 5919]"},
        {"NHS no: 9434765919.", "nhs_number[9434765919]"},
        {"(943-476-5919)", "nhs_number[943-476-5919]"},
        {"4505577104", "nhs_number[4505577104]"},
        {"NHS9434765919", "nhs_number[9434765919]"},
    }));
    INFO(text);
    CHECK(found(text) == expected);
    CHECK(reason("943 476 5919") == "looks like an NHS number (passes the check digit)");
}

TEST_CASE("ten digits failing the check digit are not flagged", "[guard]") {
    const auto [text, expected] = GENERATE(table<std::string, std::string>({
        {"ref 943 476 5918", ""},
        {"ref 9434765918", ""},
        {"invoice 943-476-5910", ""},
        // Eleven or twelve digits are not a ten-digit number, even with a valid one inside.
        {"94347659190", ""},
        {"194347659190", ""},
        // Other groupings of a passing number are flagged since issue 12 (L12), as pasted.
        {"9434 765 919", "nhs_number[9434 765 919]"},
        {"94 347 659 19", "nhs_number[94 347 659 19]"},
    }));
    INFO(text);
    CHECK(found(text) == expected);
}

TEST_CASE("Scottish CHI numbers: a DDMMYY date first, then the check digit", "[guard]") {
    const auto [text, expected] = GENERATE(table<std::string, std::string>({
        {"CHI 1203151233", "chi_number[1203151233]"},
        {"CHI 0101901127", "chi_number[0101901127]"},
        // 29 February 2000 is a real date.
        {"CHI 2902001231", "chi_number[2902001231]"},
        // Date-led but failing the check digit: not flagged, like any other ten digits.
        {"1203151234", ""},
    }));
    INFO(text);
    CHECK(found(text) == expected);
    CHECK(reason("1203151233").find("CHI") != std::string::npos);
}

TEST_CASE("a number passing the check without a valid date prefix is an NHS number", "[guard]") {
    // 29/02/01 and 30/02/00 are not dates, so these are not CHI numbers.
    CHECK(found("2902011237") == "nhs_number[2902011237]");
    CHECK(found("3002001236") == "nhs_number[3002001236]");
}

TEST_CASE("Northern Ireland H&C numbers: 320-399 million and the check digit", "[guard]") {
    const auto [text, expected] = GENERATE(table<std::string, std::string>({
        {"H&C 320 123 4567", "hc_number[320 123 4567]"},
        {"H&C 3999999993", "hc_number[3999999993]"},
        {"3201234568", ""},
    }));
    INFO(text);
    CHECK(found(text) == expected);
    CHECK(reason("3201234567") ==
          "looks like a Northern Ireland H&C number (passes the check digit)");
}

TEST_CASE("a ten-digit number with a leading 0 and a phone number's shape is a phone number",
          "[guard]") {
    // 0123456789 passes the check digit, but no NHS or H&C number starts with 0.
    CHECK(found("call 0123456789") == "phone[0123456789]");
    CHECK(found("call 0161496008") == "phone[0161496008]");
}

TEST_CASE("dates next to birth wording are flagged, with or without a year", "[guard]") {
    const auto [text, expected] = GENERATE(table<std::string, std::string>({
        {"DOB 12/03/2015", "date_of_birth[12/03/2015]"},
        {"D.O.B. 12.03.15", "date_of_birth[12.03.15]"},
        {"born 3rd Mar 2015", "date_of_birth[3rd Mar 2015]"},
        {"date of birth: 12 March 2015", "date_of_birth[12 March 2015]"},
        {"she was born on 12 March", "date_of_birth[12 March]"},
        {"birthday is 3rd of March, so", "date_of_birth[3rd of March]"},
        {"DOB 12/03", "date_of_birth[12/03]"},
        {"born in March 2015", "date_of_birth[March 2015]"},
        {"Aged 9 (born March 12)", "date_of_birth[March 12]"},
    }));
    INFO(text);
    CHECK(found(text) == expected);
    CHECK(reason("DOB 12/03/2015") == "looks like a date of birth (near \"DOB\")");
    CHECK(reason("12 March 2015, her birthday") ==
          "looks like a date of birth (near \"birthday\")");
}

TEST_CASE("any full date with a year is flagged, wherever it is", "[guard]") {
    const auto [text, expected] = GENERATE(table<std::string, std::string>({
        {"seen on 12/03/2024 at clinic", "date_of_birth[12/03/2024]"},
        {"12-03-2015", "date_of_birth[12-03-2015]"},
        {"on 2015-03-12", "date_of_birth[2015-03-12]"},
        {"on 12 March 2015.", "date_of_birth[12 March 2015]"},
        {"on 3rd Mar. 2015", "date_of_birth[3rd Mar. 2015]"},
        {"on March 12, 2015", "date_of_birth[March 12, 2015]"},
        {"on 12-Mar-15", "date_of_birth[12-Mar-15]"},
        {"29/02/2016", "date_of_birth[29/02/2016]"},
        {"12/03/2024 14:30", "date_of_birth[12/03/2024]"},
    }));
    INFO(text);
    CHECK(found(text) == expected);
    CHECK(reason("seen 12/03/2024") == "a date (possibly a date of birth)");
}

TEST_CASE("times, bare years and impossible dates are not flagged", "[guard]") {
    const auto [text, expected] = GENERATE(table<std::string, std::string>({
        {"seen at 14:30", ""},
        {"seen at 9.15am", ""},
        {"seen at 2.30pm", ""},
        {"born at 2.30pm, weighed 3.4kg", ""},
        {"born at 14:30", ""},
        {"in 2024 the policy changed", ""},
        {"born in 2015", ""},
        {"31/02/2015", ""},
        {"29/02/2015", ""},
        {"12/13/2015", ""},
        {"12/03/1815", ""},
        {"12.30.45", ""},
        // Day and month with no year and no birth wording.
        {"review on 12 March", ""},
        {"review on 12/03", ""},
        {"March 12 review", ""},
        // "aged 10/12" is ten months old, not 10 December.
        {"aged 10/12, feeding well", ""},
        {"aged 2 1/2", ""},
        // Birth wording inside another word does not count.
        {"a stubborn cough since 12 March", ""},
    }));
    INFO(text);
    CHECK(found(text) == expected);
}

TEST_CASE("UK postcodes are flagged on the real pattern, any case, with or without the space",
          "[guard]") {
    const auto [text, expected] = GENERATE(table<std::string, std::string>({
        {"lives at SW1A 1AA now", "postcode[SW1A 1AA]"},
        {"M1 1AE", "postcode[M1 1AE]"},
        {"CF10 3AT", "postcode[CF10 3AT]"},
        {"Belfast BT7 1NN.", "postcode[BT7 1NN]"},
        {"sw1a1aa", "postcode[sw1a1aa]"},
        {"m11ae", "postcode[m11ae]"},
        {"EC1A 1BB", "postcode[EC1A 1BB]"},
        {"(LS1 4AP)", "postcode[LS1 4AP]"},
    }));
    INFO(text);
    CHECK(found(text) == expected);
    CHECK(reason("M1 1AE") == "looks like a UK postcode");
}

TEST_CASE("shapes that are not postcodes are not flagged", "[guard]") {
    const auto [text, expected] = GENERATE(table<std::string, std::string>({
        {"QQ1 1AA", ""},  // no such area
        {"SW1A 1CC", ""}, // C is not an inward letter
        {"M1 1A", ""},
        {"AB123 4CD", ""},
        {"SW1AA 1AA", ""},
        {"on the M1 3rd junction", ""},
        {"B12 vitamin, COVID19, G6PD, HbA1c", ""},
        {"XSW1A 1AA", ""},
        {"SW1A 1AAB", ""},
    }));
    INFO(text);
    CHECK(found(text) == expected);
}

TEST_CASE("UK phone numbers are flagged in their usual forms", "[guard]") {
    const auto [text, expected] = GENERATE(table<std::string, std::string>({
        {"mob 07700 900123", "phone[07700 900123]"},
        {"mob 07700900123", "phone[07700900123]"},
        {"tel 0161 496 0000", "phone[0161 496 0000]"},
        {"tel (0161) 496 0000", "phone[(0161) 496 0000]"},
        {"tel 020 7946 0000", "phone[020 7946 0000]"},
        {"tel 020-7946-0000", "phone[020-7946-0000]"},
        {"tel +44 7700 900123", "phone[+44 7700 900123]"},
        {"tel +44 (0)20 7946 0000", "phone[+44 (0)20 7946 0000]"},
        {"tel +447700900123", "phone[+447700900123]"},
        {"tel 0044 20 7946 0000", "phone[0044 20 7946 0000]"},
        {"tel 0300 123 4567", "phone[0300 123 4567]"},
        {"tel 0800 123 456", "phone[0800 123 456]"},
        {"tel +353 87 123 4567", "phone[+353 87 123 4567]"},
    }));
    INFO(text);
    CHECK(found(text) == expected);
    CHECK(reason("07700 900123") == "looks like a UK mobile number");
    CHECK(reason("0161 496 0000") == "looks like a UK phone number");
}

TEST_CASE("helplines, service numbers and short or malformed numbers are not flagged", "[guard]") {
    const auto [text, expected] = GENERATE(table<std::string, std::string>({
        {"NSPCC helpline 0808 800 5000", ""},
        {"NSPCC helpline +44 808 800 5000", ""},
        {"call 999, 111 or 101; Samaritans 116 123; Childline 0800 1111", ""},
        {"07700 9001", ""},    // too short
        {"07700 9001234", ""}, // too long
        {"020 7946 000", ""},  // 02 numbers have 11 digits
        {"0461 496 0000", ""}, // no 04 numbers
        {"+10 points", ""},
    }));
    INFO(text);
    CHECK(found(text) == expected);
}

TEST_CASE("email addresses are flagged", "[guard]") {
    const auto [text, expected] = GENERATE(table<std::string, std::string>({
        {"email zoe.smith@nhs.net today", "email[zoe.smith@nhs.net]"},
        {"<j_doe+notes@example.co.uk>.", "email[j_doe+notes@example.co.uk]"},
        {"mailto:o'brien@mail.example.org", "email[o'brien@mail.example.org]"},
        {"9434765919@example.com", "email[9434765919@example.com]"},
    }));
    INFO(text);
    CHECK(found(text) == expected);
    CHECK(reason("a.b@example.com") == "looks like an email address");
}

TEST_CASE("things that are not email addresses are not flagged", "[guard]") {
    const auto [text, expected] = GENERATE(table<std::string, std::string>({
        {"ask @safeguarding_lead", ""},
        {"a@b", ""},
        {"user@localhost", ""},
        {"x@example.c0m", ""},
        {"trailing.@example.com", ""},
    }));
    INFO(text);
    CHECK(found(text) == expected);
}

TEST_CASE("ordinary clinical text is not flagged", "[guard]") {
    const auto [text, expected] = GENERATE(table<std::string, std::string>({
        {"3 of 19 cases", ""},
        {"Ward 10, bay 4", ""},
        {"in 2024", ""},
        {"see GMC guidance, para 64 and paras 17-19", ""},
        {"Paracetamol 500 mg 4 times a day, 1-2 tablets", ""},
        {"scored 12/20 on the PHQ-9, BP 120/80", ""},
        {"", ""},
        {"Zoë, Siân and Łukasz — «café» — 日本語", ""},
    }));
    INFO(text);
    CHECK(found(text) == expected);
}

TEST_CASE("byte offsets are right after accented UTF-8 text", "[guard]") {
    const std::string text = "Zoë's NHS number is 943 476 5919 and Siân lives at CF10 3AT.";
    const auto ms = find_identifiers(text);
    REQUIRE(ms.size() == 2);
    CHECK(ms[0].kind == IdentifierKind::nhs_number);
    CHECK(ms[0].begin == text.find("943"));
    CHECK(ms[0].begin == 21); // "Zoë" is 4 bytes
    CHECK(ms[0].end == ms[0].begin + 12);
    CHECK(ms[1].kind == IdentifierKind::postcode);
    CHECK(text.substr(ms[1].begin, ms[1].end - ms[1].begin) == "CF10 3AT");

    // A no-break space, an en dash or curly quotes around an identifier are boundaries; an
    // accented letter joined to it is not.
    CHECK(found("postcode:\u00a0M1 1AE") == "postcode[M1 1AE]");
    CHECK(found("tel\u201307700 900123\u201d") == "phone[07700 900123]");
    CHECK(found("\u00c9M1 1AE") == "");
    CHECK(found("M1 1AE\u00e9") == "");
}

TEST_CASE("matches come sorted and non-overlapping in a mixed note", "[guard]") {
    const std::string text =
        "Seen with mum (DOB 3rd Mar 1989, tel 07700 900123, email mum@example.com) at "
        "M1 1AE. Child's NHS number 943 476 5919, born 12.03.15. Referred on 14/05/2024 at "
        "14:30 to Ward 10; 3 of 19 criteria met (para 64).";
    const auto ms = find_identifiers(text);
    CHECK(sorted_and_disjoint(ms, text.size()));
    CHECK(found(text) == "date_of_birth[3rd Mar 1989] phone[07700 900123] "
                         "email[mum@example.com] postcode[M1 1AE] nhs_number[943 476 5919] "
                         "date_of_birth[12.03.15] date_of_birth[14/05/2024]");
}

TEST_CASE("redaction replaces each span with its label", "[guard]") {
    const std::string text = "Zoë's NHS number is 943 476 5919, DOB 12/03/2015, mum on "
                             "07700 900123, zoe@example.com, BT7 1NN, CHI 1203151233, "
                             "H&C 3201234567.";
    CHECK(redact(text, find_identifiers(text)) ==
          "Zoë's NHS number is [NHS number removed], DOB [date removed], mum on "
          "[phone number removed], [email address removed], [postcode removed], "
          "CHI [CHI number removed], H&C [H&C number removed].");
}

TEST_CASE("redaction leaves text without matches alone and ignores bad spans", "[guard]") {
    const std::string text = "Nothing to see in Ward 10 at 14:30.";
    CHECK(redact(text, find_identifiers(text)) == text);
    CHECK(redact("", {}) == "");

    const std::string phone = "call 07700 900123 now";
    auto ms = find_identifiers(phone);
    REQUIRE(ms.size() == 1);
    // Out of order, overlapping, empty and out-of-range spans: only the first good one counts.
    ms.push_back({IdentifierKind::email, 0, 0, "empty"});
    ms.push_back({IdentifierKind::email, 6, 9, "overlaps"});
    ms.push_back({IdentifierKind::email, 18, 99, "past the end"});
    CHECK(redact(phone, ms) == "call [phone number removed] now");
    const std::vector<IdentifierMatch> reversed{{IdentifierKind::postcode, 18, 21, ""},
                                                {IdentifierKind::phone, 5, 17, ""}};
    CHECK(redact(phone, reversed) == "call [phone number removed] [postcode removed]");
}

TEST_CASE("every kind has a machine name and a human label", "[guard]") {
    using K = IdentifierKind;
    CHECK(std::string(to_string(K::nhs_number)) == "nhs_number");
    CHECK(std::string(to_string(K::chi_number)) == "chi_number");
    CHECK(std::string(to_string(K::hc_number)) == "hc_number");
    CHECK(std::string(to_string(K::date_of_birth)) == "date_of_birth");
    CHECK(std::string(to_string(K::postcode)) == "postcode");
    CHECK(std::string(to_string(K::phone)) == "phone");
    CHECK(std::string(to_string(K::email)) == "email");
    CHECK(std::string(label(K::nhs_number)) == "NHS number");
    CHECK(std::string(label(K::chi_number)) == "CHI number");
    CHECK(std::string(label(K::hc_number)) == "H&C number");
    CHECK(std::string(label(K::date_of_birth)) == "date (possibly a date of birth)");
    CHECK(std::string(label(K::postcode)) == "postcode");
    CHECK(std::string(label(K::phone)) == "phone number");
    CHECK(std::string(label(K::email)) == "email address");
}

TEST_CASE("long text is scanned to the end", "[guard]") {
    std::string text;
    for (int k = 0; k < 2000; ++k)
        text += "Reviewed at 14:30 on Ward 10, 3 of 19 met. ";
    text += "NHS 943 476 5919";
    const auto ms = find_identifiers(text);
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].end == text.size());
}

// ---- Issue 12, L12: what the review's recall test missed, each as a clinician pastes it. ----

TEST_CASE("L12: NHS numbers with no-break, narrow, double or irregular spaces, dots, slashes",
          "[guard][issue12]") {
    const auto [text, expected] = GENERATE(table<std::string, std::string>({
        {"NHS 943\u00a0476\u00a05919 pasted", "nhs_number[943\u00a0476\u00a05919]"},
        {"NHS 943\u202f476\u202f5919", "nhs_number[943\u202f476\u202f5919]"},
        {"NHS 943  476  5919", "nhs_number[943  476  5919]"},
        {"NHS 9434 765 919", "nhs_number[9434 765 919]"},
        {"NHS 94 34 76 59 19", "nhs_number[94 34 76 59 19]"},
        {"NHS 943.476.5919", "nhs_number[943.476.5919]"},
        {"NHS 943/476/5919", "nhs_number[943/476/5919]"},
        // Still: a failing check digit, or an irregular grouping running on into more digits.
        {"ref 943.476.5918", ""},
        {"ref 94 34 76 59 19 12", ""},
        {"ref 9434 765 9190", ""},
    }));
    INFO(text);
    CHECK(found(text) == expected);
}

TEST_CASE("L12: CHI numbers written DDMMYY NNNN", "[guard][issue12]") {
    const auto [text, expected] = GENERATE(table<std::string, std::string>({
        {"CHI 120319 1235", "chi_number[120319 1235]"},
        {"CHI 120319\u00a01235", "chi_number[120319\u00a01235]"},
        {"CHI 120319 1234", ""}, // fails the check digit
        {"CHI 050619 0013", "chi_number[050619 0013]"},
    }));
    INFO(text);
    CHECK(found(text) == expected);
}

TEST_CASE("L12: postcodes with two spaces, a hyphen or a no-break space", "[guard][issue12]") {
    const auto [text, expected] = GENERATE(table<std::string, std::string>({
        {"lives at SW1A  1AA", "postcode[SW1A  1AA]"},
        {"lives at SW1A-1AA", "postcode[SW1A-1AA]"},
        {"lives at EH1\u00a01YZ", "postcode[EH1\u00a01YZ]"},
    }));
    INFO(text);
    CHECK(found(text) == expected);
}

TEST_CASE("L12: phone numbers with dots or no-break spaces", "[guard][issue12]") {
    const auto [text, expected] = GENERATE(table<std::string, std::string>({
        {"mum 07700.900.123", "phone[07700.900.123]"},
        {"mum 07700\u00a0900123", "phone[07700\u00a0900123]"},
        // Dates and times stay dates and times.
        {"at 07.30 on 01.02.03", "date_of_birth[01.02.03]"},
    }));
    INFO(text);
    CHECK(found(text) == expected);
}

TEST_CASE("L12: email addresses with (at), spaced @, or non-ASCII letters", "[guard][issue12]") {
    const auto [text, expected] = GENERATE(table<std::string, std::string>({
        {"write to john(at)nhs.net", "email[john(at)nhs.net]"},
        {"write to john @ nhs.net", "email[john @ nhs.net]"},
        {"write to j\u00f6hn@nhs.net", "email[j\u00f6hn@nhs.net]"},
        {"tel\u00a0john@nhs.net", "email[john@nhs.net]"},
        {"ask @safeguarding_lead at 3", ""},
    }));
    INFO(text);
    CHECK(found(text) == expected);
}

TEST_CASE("L12: a full date with a year is called a date, possibly of birth", "[guard][issue12]") {
    CHECK(reason("next review 01/01/2025") == "a date (possibly a date of birth)");
    CHECK(reason("meeting on 2024-05-06") == "a date (possibly a date of birth)");
    CHECK(std::string(label(IdentifierKind::date_of_birth)) == "date (possibly a date of birth)");
}

TEST_CASE("L12: the wider readings leave clinical numbers alone", "[guard][issue12]") {
    const auto [text, expected] = GENERATE(table<std::string, std::string>({
        {"Paracetamol 500 mg qds, 250mg/5ml, BP 120/80, GCS 15", ""},
        {"shift 07:30-19:30, then 0930-1230 1400-1600", ""},
        {"call 999, 111 or 101; Samaritans 116 123; NSPCC 0808\u00a0800\u00a05000", ""},
        {"ISBN 0-306-40615-2", ""},
        {"scored 12 of 20, 3 of 19 cases, para 64", ""},
    }));
    INFO(text);
    CHECK(found(text) == expected);
}
