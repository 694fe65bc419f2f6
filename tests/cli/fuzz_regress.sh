# Replays every saved fuzz input — the crashes found and fixed
# (tests/fuzz/regress/TARGET) and the seed corpora (tests/fuzz/corpus/TARGET)
# — through the harnesses built with the normal compiler against this
# build's core ($BUILD/fuzz/replay_TARGET; under `make asan-check` that core
# has ASan + UBSan). A harness aborts on a broken invariant, so a crash or
# an invariant failure fails the test. No clang or libFuzzer needed.
. "$(dirname "$0")/../lib.sh"

ran=0
for src in "$TOP"/tests/fuzz/fuzz_*.c; do
	t=$(basename "$src" .c); t=${t#fuzz_}
	bin="$BUILD/fuzz/replay_$t"
	if [ ! -x "$bin" ]; then
		skip "replay_$t not built (make $BUILD/fuzz/replay_$t)"
		continue
	fi
	for kind in regress corpus; do
		dir="$TOP/tests/fuzz/$kind/$t"
		[ -d "$dir" ] || continue
		n=$(find "$dir" -type f | wc -l)
		[ "$n" -gt 0 ] || continue
		run_status timeout 300 "$bin" "$dir"
		ran=$((ran + 1))
		if [ "$STATUS" -eq 0 ] && [ "$OUT" = "replayed $n inputs" ]; then
			pass "$kind/$t: $n inputs"
		else
			fail "$kind/$t: exit $STATUS" "$OUT" "$(printf '%s\n' "$ERR" | tail -n 20)"
		fi
	done
done
[ "$ran" -gt 0 ] || skip "no replay binaries"
