#pragma once

// Runs a program to completion and captures its standard output: how install asks an interpreter
// about itself and compiles bytecode. Arguments are passed as a vector (never through a shell).
//
// Invariants: the child's standard input is /dev/null; standard error is captured separately; the
// call returns only after the child has been reaped.

#include <filesystem>
#include <string>
#include <vector>

#include "core/util/error.h"

namespace pindex::install {

struct ProgramOutput
{
    int exitCode = -1; // 128 + signal number when killed by a signal
    std::string out;
    std::string err;
};

// ErrorCode::Io when the program cannot be started; a non-zero exit is a result, not an error.
[[nodiscard]] Result<ProgramOutput> runProgram(const std::vector<std::string>& argv);

} // namespace pindex::install
