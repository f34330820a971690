/* Demo data (see demo.h). Everything goes through the same core calls a person's actions would. */
#include "core/demo.h"

#include <string.h>

#include "core/auth.h"
#include "core/user.h"

const DemoLogin demo_logins[] = {
	{"admin", "ishc-demo-admin", "administrator", NULL, "Quản trị viên"},
	{"trunguong", "ishc-demo-central", "central", NULL, "Nguyễn Thị Hoa"},
	{"thanhhoa", "ishc-demo-province", "province", "38", "Lê Văn Thủy"},
	{"xa.hoangloc", "ishc-demo-commune", "commune", "15961", "Trần Thị Hòa"},
	{"clb.hoangloc", "ishc-demo-club", "club", "15961-01", "Phạm Thị Lan"},
	{"nhataitro", "ishc-demo-viewer", "viewer", NULL, "HelpAge Việt Nam"},
	{NULL, NULL, NULL, NULL, NULL},
};

int demo_load(Db *db, Err *e)
{
	Actor system = {.role = ROLE_ADMIN};
	strcpy(system.username, "demo");
	for (const DemoLogin *d = demo_logins; d->username; d++) {
		UserInput in = {d->username, d->full_name, d->role, d->scope, d->password};
		if (user_create(db, &system, &in, e) < 0)
			return -1;
	}
	return 0;
}
