#!/bin/sh
# tests/run_checks.sh BUILD_DIR - the checks of `make check`.
#
# Each example runs a scripted session (tests/*_session.jsonl) under valgrind, which must report no error
# and no definite or indirect leak; build/check_session then checks the output against the protocol and
# prints a transcript, compared with tests/*.expected. Further checks: the SDK's unit tests, the same seed
# giving the same bytes, a different seed giving different trials, a 1.7 MB input line, and a malformed line.
# Ends with "N passed, N failed"; exits 1 when anything failed.
set -u
build=${1:-build}
tests=$(dirname "$0")
work=$build/check
rm -rf "$work"
mkdir -p "$work"
passed=0
failed=0
valgrind="valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect"

ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }

# run_session NAME SESSION EXPECTED COMMAND...
run_session() {
    name=$1 session=$2 expected=$3
    shift 3
    if $valgrind --log-file="$work/$name.valgrind" "$@" <"$session" >"$work/$name.out" 2>"$work/$name.stderr"; then
        ok "$name: exit status 0, valgrind clean"
    else
        bad "$name: exit status $? (see $work/$name.valgrind and $work/$name.stderr)"
        cat "$work/$name.valgrind"
    fi
    if "$build/check_session" "$session" "$work/$name.out" >"$work/$name.transcript"; then
        ok "$name: JSON lines, one reply of the right type per call, params inside the domain"
    else
        bad "$name: protocol check (see above)"
    fi
    if [ -z "$expected" ]; then
        return
    fi
    if diff -u "$expected" "$work/$name.transcript" >"$work/$name.diff"; then
        ok "$name: transcript matches $expected"
    else
        bad "$name: transcript differs from $expected"
        cat "$work/$name.diff"
    fi
}

# --- unit tests ----------------------------------------------------------------------------------------------
if "$build/test_sdk" >"$work/test_sdk.out" 2>&1; then
    ok "$(tail -n 1 "$work/test_sdk.out") (about 400000 random doubles round-trip exactly)"
else
    bad "test_sdk"
    cat "$work/test_sdk.out"
fi
if $valgrind --log-file="$work/test_sdk.valgrind" "$build/test_sdk" 2000 >"$work/test_sdk_valgrind.out" 2>&1; then
    ok "$(tail -n 1 "$work/test_sdk_valgrind.out") under valgrind: clean"
else
    bad "test_sdk under valgrind"
    cat "$work/test_sdk_valgrind.out" "$work/test_sdk.valgrind"
fi

# --- scripted sessions ---------------------------------------------------------------------------------------
run_session random "$tests/solver_session.jsonl" "$tests/solver_session.expected" "$build/random_solver"
run_session es "$tests/solver_session.jsonl" "$tests/solver_session_es.expected" "$build/random_solver" es
run_session hartmann6 "$tests/problem_session.jsonl" "$tests/problem_session.expected" "$build/hartmann6_problem"

# --- determinism ---------------------------------------------------------------------------------------------
for mode in random es; do
    "$build/random_solver" $mode <"$tests/solver_session.jsonl" >"$work/$mode.again" 2>/dev/null
    if cmp -s "$work/$mode.out" "$work/$mode.again"; then
        ok "$mode: the same session gives the same bytes"
    else
        bad "$mode: two runs of the same session differ"
    fi
    sed 's/"random_seed":42,/"random_seed":43,/' "$tests/solver_session.jsonl" >"$work/seed43.jsonl"
    "$build/random_solver" $mode <"$work/seed43.jsonl" >"$work/$mode.seed43" 2>/dev/null
    if ! cmp -s "$work/$mode.out" "$work/$mode.seed43"; then
        ok "$mode: another seed gives other trials"
    else
        bad "$mode: the seed is ignored"
    fi
done

# --- a 1.7 MB line: a problem with 10000 parameters, left alive at end of input -------------------------------
awk 'BEGIN {
    printf "{\"type\":\"CREATE_SOLVER_CAST\",\"solver_id\":5,\"random_seed\":1,\"problem\":{\"name\":\"wide\",";
    printf "\"attrs\":{},\"values_domain\":[{\"name\":\"v\",\"range\":{\"type\":\"CONTINUOUS\"}}],\"params_domain\":[";
    for (i = 0; i < 10000; i++) {
        printf "%s{\"name\":\"p%d\",\"range\":{\"type\":\"DISCRETE\",\"low\":-%d,\"high\":%d},", (i ? "," : ""), i, i, i + 1;
        printf "\"distribution\":\"UNIFORM\",\"padding\":\"%070d\"}", 0;
    }
    printf "],\"steps\":1}}\n";
    printf "{\"type\":\"ASK_CALL\",\"solver_id\":5,\"next_trial_id\":0}\n";
    printf "{\"type\":\"TELL_CALL\",\"solver_id\":5,\"trial\":{\"id\":0,\"values\":[1.5],\"current_step\":1}}\n";
    printf "{\"type\":\"ASK_CALL\",\"solver_id\":5,\"next_trial_id\":1}\n";
}' >"$work/long_line.jsonl"
run_session long_line "$work/long_line.jsonl" "" "$build/random_solver" es

# --- a line that is not JSON: exit status 1 and a message, nothing leaked --------------------------------------
printf '%s\n' '{"type":"CREATE_PROBLEM_CAST","problem_id":0,"random_seed":1}' 'not json' \
    '{"type":"EVALUATE_CALL","evaluator_id":0,"next_step":1}' >"$work/malformed.jsonl"
valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
    --log-file="$work/malformed.valgrind" "$build/hartmann6_problem" <"$work/malformed.jsonl" \
    >"$work/malformed.out" 2>"$work/malformed.stderr"
status=$?
if [ "$status" -eq 1 ] && grep -q "line 2 is not JSON" "$work/malformed.stderr" &&
    [ "$(wc -l <"$work/malformed.out")" -eq 1 ]; then
    ok "malformed: a line that is not JSON ends the session with status 1 and a message, valgrind clean"
else
    bad "malformed: status $status; stderr: $(cat "$work/malformed.stderr")"
fi

echo "make check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
