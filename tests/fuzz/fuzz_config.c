/* SPDX-License-Identifier: MIT
 * Fuzz the config reader: the input is the user's config.yaml. Loading
 * never crashes and always leaves usable settings (the defaults underneath). */
#include "tests/fuzz/fuzz.h"

#include "config/config.h"
#include "core/base/diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write_file("config.yaml", data, size);
	struct settings s;
	memset(&s, 0, sizeof s);
	struct diag_list dl = DIAG_LIST_INIT;
	int rc = config_load(&s, path, &dl);
	FUZZ_CHECK(rc == 0 || rc == -1);
	if (rc == -1)
		FUZZ_CHECK(dl.n > 0);
	FUZZ_CHECK(s.layout != NULL);
	FUZZ_CHECK(s.export_format != NULL);
	for (size_t i = 0; i < s.nbinds; i++)
		FUZZ_CHECK(s.binds[i].pane && s.binds[i].key && s.binds[i].action);
	for (size_t i = 0; i < s.ncolors; i++)
		FUZZ_CHECK(s.colors[i].style != NULL);
	for (size_t i = 0; i < dl.n; i++)
		free(diag_format(&dl.items[i]));
	diag_list_free(&dl);
	config_free(&s);
	return 0;
}
