/* ishc: the management system for Vietnam's Intergenerational Self-Help Clubs. */
#include "cli/cmd.h"

int main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
