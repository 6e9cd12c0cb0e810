#pragma once
// Patient identifiers: the guard that finds them in free text and redacts them, and the check of
// the notes about to leave the device.
#include "casebook/identifiers/guard.hpp"
#include "casebook/identifiers/outgoing_check.hpp"
