/* PLACEHOLDER: replaced by the real commands before this lands. */
#include "cli/cmd.h"

int cmd_import_members(const Command *c, Opts *o)
{
	return cli_fail("not built yet");
}

int cmd_import_clubs(const Command *c, Opts *o)
{
	return cli_fail("not built yet");
}
