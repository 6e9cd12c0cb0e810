#pragma once
// Cases: the model, one case file's parsing and checks, guidance references, the Library, a
// person's run through a case (CaseRun) and their progress (Progress).
#include "casebook/cases/case.hpp"
#include "casebook/cases/case_file.hpp"
#include "casebook/cases/case_run.hpp"
#include "casebook/cases/guidance.hpp"
#include "casebook/cases/library.hpp"
#include "casebook/cases/progress.hpp"
