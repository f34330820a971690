/* The route table and the gate (see route.h). Adding a page is: the handler, one row, a test. */
#include "http/route.h"

#include <string.h>

#include <sodium.h>

#include "api/api.h"
#include "core/scope.h"
#include "http/static.h"
#include "web/pages.h"

#define ADMIN ROLE_BIT(ROLE_ADMIN)
#define AUDITORS (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_CENTRAL))
#define ALL ROLES_ALL
/* Roles that see people's data (everyone but viewers), and those who keep the books. */
#define PEOPLE (ROLES_ALL & ~ROLE_BIT(ROLE_VIEWER))
#define KEEPERS (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_PROVINCE) | ROLE_BIT(ROLE_COMMUNE) | ROLE_BIT(ROLE_CLUB))
#define CLUB_MAKERS (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_CENTRAL) | ROLE_BIT(ROLE_PROVINCE) | ROLE_BIT(ROLE_COMMUNE))
/* Who approves or returns a monthly report, who reopens one (core/report.h decides each case). */
#define APPROVERS (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_PROVINCE) | ROLE_BIT(ROLE_COMMUNE))
#define REOPENERS (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_CENTRAL) | ROLE_BIT(ROLE_PROVINCE))
/* Programmes (issue 8): the national level sets targets and keeps donor projects; plans are read by
 * the national level, provinces and viewers and kept by the first two; resources are kept from the
 * commune up. Imports: the book keepers, and central for province plans (web/import.c and core
 * decide each kind). */
#define NATIONAL (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_CENTRAL))
#define PLAN_READERS (NATIONAL | ROLE_BIT(ROLE_PROVINCE) | ROLE_BIT(ROLE_VIEWER))
#define PLAN_EDITORS (NATIONAL | ROLE_BIT(ROLE_PROVINCE))
#define RESOURCE_EDITORS (NATIONAL | ROLE_BIT(ROLE_PROVINCE) | ROLE_BIT(ROLE_COMMUNE))
#define RESOURCE_READERS (RESOURCE_EDITORS | ROLE_BIT(ROLE_VIEWER))
#define IMPORTERS (KEEPERS | ROLE_BIT(ROLE_CENTRAL))
/* Who records the programme's work (trainings, visits, commendations), who confirms club
 * assessments, who writes success stories (core/work.h decides each case). */
#define WORKERS (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_CENTRAL) | ROLE_BIT(ROLE_PROVINCE) | ROLE_BIT(ROLE_COMMUNE))
#define ASSESSORS (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_PROVINCE) | ROLE_BIT(ROLE_COMMUNE))
#define STORY_WRITERS (WORKERS | ROLE_BIT(ROLE_CLUB))
/* The annual review (issue 9): read by the national level, viewers and provinces (their own);
 * its tasks and template kept by the national level and provinces (core/review.h decides). */
#define REVIEW_READERS (NATIONAL | ROLE_BIT(ROLE_PROVINCE) | ROLE_BIT(ROLE_VIEWER))
#define REVIEW_EDITORS (NATIONAL | ROLE_BIT(ROLE_PROVINCE))

const Route routes[] = {
	{.method = "GET", .path = "/healthz", .handler = http_healthz, .flags = R_PUBLIC,
	 .summary = "Health check: answers ok"},
	{.method = "GET", .path = "/static/{name}", .handler = http_static, .flags = R_PUBLIC,
	 .summary = "Stylesheet and script compiled into the binary"},

	/* Pages */
	{.method = "GET", .path = "/login", .handler = web_login_form, .flags = R_PUBLIC,
	 .summary = "Log-in page"},
	{.method = "POST", .path = "/login", .handler = web_login, .flags = R_PUBLIC | R_FORM | R_NO_CSRF,
	 .summary = "Log in with the form"},
	{.method = "POST", .path = "/logout", .handler = web_logout, .flags = R_FORM | R_PRE_PASSWORD,
	 .roles = ALL, .summary = "Log out"},
	{.method = "POST", .path = "/lang", .handler = web_lang, .flags = R_PUBLIC | R_FORM | R_PRE_PASSWORD,
	 .summary = "Switch the language of the pages"},
	{.method = "GET", .path = "/", .handler = web_home, .roles = ALL, .summary = "Home page"},
	{.method = "GET", .path = "/account/password", .handler = web_password_form, .flags = R_PRE_PASSWORD,
	 .roles = ALL, .summary = "Change my password (form)"},
	{.method = "POST", .path = "/account/password", .handler = web_password,
	 .flags = R_FORM | R_PRE_PASSWORD, .roles = ALL, .summary = "Change my password"},
	{.method = "GET", .path = "/account/tokens", .handler = web_tokens, .roles = ALL,
	 .summary = "My API tokens"},
	{.method = "POST", .path = "/account/tokens", .handler = web_token_create, .flags = R_FORM,
	 .roles = ALL, .summary = "Create an API token"},
	{.method = "POST", .path = "/account/tokens/{id}/revoke", .handler = web_token_revoke,
	 .flags = R_FORM, .roles = ALL, .summary = "Revoke one of my API tokens"},
	{.method = "GET", .path = "/admin/users", .handler = web_users, .roles = ADMIN, .summary = "List of users"},
	{.method = "GET", .path = "/admin/users/new", .handler = web_user_new, .roles = ADMIN,
	 .summary = "New user (form)"},
	{.method = "POST", .path = "/admin/users", .handler = web_user_create, .flags = R_FORM,
	 .roles = ADMIN, .summary = "Create a user"},
	{.method = "GET", .path = "/admin/users/{id}", .handler = web_user_show, .roles = ADMIN,
	 .summary = "One user: edit role and scope, disable, reset password"},
	{.method = "POST", .path = "/admin/users/{id}", .handler = web_user_update, .flags = R_FORM,
	 .roles = ADMIN, .summary = "Change a user's name, role and scope"},
	{.method = "POST", .path = "/admin/users/{id}/disable", .handler = web_user_disable,
	 .flags = R_FORM, .roles = ADMIN, .summary = "Disable a user"},
	{.method = "POST", .path = "/admin/users/{id}/enable", .handler = web_user_enable,
	 .flags = R_FORM, .roles = ADMIN, .summary = "Enable a user"},
	{.method = "POST", .path = "/admin/users/{id}/password", .handler = web_user_password,
	 .flags = R_FORM, .roles = ADMIN, .summary = "Reset a user's password"},
	{.method = "GET", .path = "/units", .handler = web_units, .roles = ALL,
	 .summary = "Administrative units as of a date: browse, search by name"},
	{.method = "GET", .path = "/units/{code}", .handler = web_unit_show, .roles = ALL,
	 .summary = "One unit as of a date, with what it came from and became"},
	{.method = "GET", .path = "/clubs", .handler = web_clubs, .roles = ALL,
	 .summary = "Clubs in my scope: filter, search without accents, paginate"},
	{.method = "GET", .path = "/clubs/new", .handler = web_club_new, .roles = CLUB_MAKERS,
	 .summary = "New club (form)"},
	{.method = "POST", .path = "/clubs", .handler = web_club_create, .flags = R_FORM, .roles = CLUB_MAKERS,
	 .summary = "Create a club"},
	{.method = "GET", .path = "/clubs/{id}", .handler = web_club_show, .roles = ALL,
	 .summary = "One club: details, composition against the model, board, volunteers"},
	{.method = "POST", .path = "/clubs/{id}", .handler = web_club_update, .flags = R_FORM, .roles = CLUB_MAKERS,
	 .summary = "Change a club's details or status"},
	{.method = "GET", .path = "/composition", .handler = web_composition, .roles = ALL,
	 .summary = "Composition against the club model for any unit, summed over its clubs"},
	{.method = "GET", .path = "/members", .handler = web_members, .roles = PEOPLE,
	 .summary = "Members across my scope: search without accents, sort, paginate"},
	{.method = "GET", .path = "/clubs/{id}/members", .handler = web_club_members, .roles = PEOPLE,
	 .summary = "A club's members"},
	{.method = "GET", .path = "/clubs/{id}/members/new", .handler = web_member_new, .roles = KEEPERS,
	 .summary = "New member (form)"},
	{.method = "POST", .path = "/clubs/{id}/members", .handler = web_member_create, .flags = R_FORM,
	 .roles = KEEPERS, .summary = "Add a member to a club (asks before a second record of the same person)"},
	{.method = "GET", .path = "/members/{id}", .handler = web_member_show, .roles = PEOPLE,
	 .summary = "One member: details, edit, leave"},
	{.method = "POST", .path = "/members/{id}", .handler = web_member_update, .flags = R_FORM, .roles = KEEPERS,
	 .summary = "Change a member's details, or record that they left"},
	{.method = "POST", .path = "/clubs/{id}/board", .handler = web_board_assign, .flags = R_FORM,
	 .roles = KEEPERS, .summary = "Give a member a board role from a date"},
	{.method = "POST", .path = "/board/{id}/end", .handler = web_board_end, .flags = R_FORM, .roles = KEEPERS,
	 .summary = "End a board role"},
	{.method = "POST", .path = "/clubs/{id}/volunteers", .handler = web_volunteer_add, .flags = R_FORM,
	 .roles = KEEPERS, .summary = "Make a member a home-care volunteer"},
	{.method = "POST", .path = "/volunteers/{id}/end", .handler = web_volunteer_end, .flags = R_FORM,
	 .roles = KEEPERS, .summary = "End a volunteer's service"},
	{.method = "POST", .path = "/volunteers/{id}/visits", .handler = web_volunteer_visit, .flags = R_FORM,
	 .roles = KEEPERS, .summary = "Record whom a volunteer visits"},
	{.method = "GET", .path = "/clubs/{id}/book", .handler = web_member_book, .roles = PEOPLE,
	 .summary = "The printable member book (A4 landscape)"},
	{.method = "GET", .path = "/imports/new", .handler = web_import_form, .roles = IMPORTERS,
	 .summary = "Import members, clubs (?kind=clubs) or past months' reports (?kind=reports) from Excel or CSV (form)"},
	{.method = "GET", .path = "/imports/reports-template.xlsx", .handler = web_import_template, .roles = KEEPERS,
	 .summary = "The template for importing monthly reports: the catalogue's headings and the clubs in my scope"},
	{.method = "GET", .path = "/imports/trainings-template.xlsx", .handler = web_import_trainings_template,
	 .roles = WORKERS, .summary = "The template for importing training courses: the headings the import reads and how to fill them"},
	{.method = "GET", .path = "/imports/visits-template.xlsx", .handler = web_import_visits_template,
	 .roles = WORKERS, .summary = "The template for importing monitoring and support visits: the headings, the checklist, how to fill them"},
	{.method = "POST", .path = "/imports", .handler = web_import_upload, .flags = R_FORM | R_UPLOAD,
	 .roles = IMPORTERS, .summary = "Upload a file to import: checks every row and shows a preview"},
	{.method = "GET", .path = "/imports/{id}", .handler = web_import_show, .roles = IMPORTERS,
	 .summary = "The preview of an import: each problem by row and column"},
	{.method = "POST", .path = "/imports/{id}/commit", .handler = web_import_commit, .flags = R_FORM,
	 .roles = IMPORTERS, .summary = "Load all rows of a checked import, or none"},
	{.method = "GET", .path = "/imports/{id}/problems.xlsx", .handler = web_import_problems, .roles = IMPORTERS,
	 .summary = "The imported file with the bad cells marked, as Excel"},
	{.method = "GET", .path = "/exports/report-values.csv", .handler = web_export_report_values_csv, .roles = ALL,
	 .summary = "Every report value of ?year= (default this year) in my scope as CSV, one row per club, month and indicator, streamed; refused to viewers"},
	{.method = "GET", .path = "/exports/report-values.xlsx", .handler = web_export_report_values_xlsx, .roles = ALL,
	 .summary = "Every report value of ?year= in my scope as Excel (constant-memory), one row per club, month and indicator; refused to viewers"},
	{.method = "GET", .path = "/tables", .handler = web_tables, .roles = ALL,
	 .summary = "Periodic tables: sub-units × a set of indicators (?set=members|meetings|funds|reporting) for ?unit=&from=&to=, totals and targets, both geographies; ?format=xlsx|csv (&geography=today|then) downloads"},
	{.method = "GET", .path = "/exports/{file}", .handler = web_export, .roles = ALL,
	 .summary = "Members or clubs in my scope as Excel or CSV (members.xlsx, members.csv, clubs.xlsx, clubs.csv); ?club=, ?unit=, ?status=, ?q=, ?include_left=1; members files refused to viewers"},
	{.method = "GET", .path = "/admin/indicators", .handler = web_indicators, .roles = ADMIN,
	 .summary = "The indicator catalogue in force by activity area, or of an older version (?version=N)"},
	{.method = "GET", .path = "/admin/indicators/new", .handler = web_indicator_new, .roles = ADMIN,
	 .summary = "New indicator (form)"},
	{.method = "POST", .path = "/admin/indicators", .handler = web_indicator_create, .flags = R_FORM,
	 .roles = ADMIN, .summary = "Add an indicator: a new catalogue version"},
	{.method = "GET", .path = "/admin/indicators/{code}", .handler = web_indicator_show, .roles = ADMIN,
	 .summary = "One indicator: its wordings through the versions, reword and retire forms"},
	{.method = "POST", .path = "/admin/indicators/{code}", .handler = web_indicator_reword, .flags = R_FORM,
	 .roles = ADMIN, .summary = "Reword an indicator (names and definitions): a new catalogue version"},
	{.method = "POST", .path = "/admin/indicators/{code}/retire", .handler = web_indicator_retire,
	 .flags = R_FORM, .roles = ADMIN, .summary = "Retire an indicator: a new catalogue version"},
	{.method = "GET", .path = "/clubs/{id}/reports", .handler = web_club_reports, .roles = PEOPLE,
	 .summary = "A club's monthly reports: each month's status, due date, on time or late; ?period=YYYY-MM opens a month"},
	{.method = "GET", .path = "/clubs/{id}/reports/{period}", .handler = web_club_report, .roles = PEOPLE,
	 .summary = "A club's monthly report (YYYY-MM): the entry form by activity area, status and the workflow forms"},
	{.method = "POST", .path = "/clubs/{id}/reports/{period}", .handler = web_club_report_save, .flags = R_FORM,
	 .roles = KEEPERS, .summary = "Save (action=save) or submit (action=submit) a monthly report; confirm_CODE=1 confirms a warning"},
	{.method = "POST", .path = "/clubs/{id}/reports/{period}/approve", .handler = web_club_report_approve,
	 .flags = R_FORM, .roles = APPROVERS, .summary = "Approve a submitted monthly report (it is then locked)"},
	{.method = "POST", .path = "/clubs/{id}/reports/{period}/return", .handler = web_club_report_return,
	 .flags = R_FORM, .roles = APPROVERS, .summary = "Return a submitted monthly report with a comment"},
	{.method = "POST", .path = "/clubs/{id}/reports/{period}/reopen", .handler = web_club_report_reopen,
	 .flags = R_FORM, .roles = REOPENERS, .summary = "Reopen an approved monthly report with a reason"},
	{.method = "GET", .path = "/units/{code}/reports/{period}", .handler = web_unit_reports, .roles = PEOPLE,
	 .summary = "The clubs of a unit with their report status for a month (?status=, ?page=): the officer's inbox"},
	{.method = "GET", .path = "/units/{code}/reports/{period}/grid", .handler = web_unit_grid, .roles = APPROVERS,
	 .summary = "One month for all clubs of a commune on one grid (rows = clubs, columns = typed indicators)"},
	{.method = "POST", .path = "/units/{code}/reports/{period}/grid", .handler = web_unit_grid_save,
	 .flags = R_FORM, .roles = APPROVERS,
	 .summary = "Save the grid: each club's row is saved on its own; rows that fail keep what was typed"},
	{.method = "GET", .path = "/admin/settings", .handler = web_settings, .roles = ADMIN,
	 .summary = "Settings: the older-person age and the due day of monthly reports (form)"},
	{.method = "POST", .path = "/admin/settings", .handler = web_settings_save, .flags = R_FORM, .roles = ADMIN,
	 .summary = "Change the older-person age and the due day of monthly reports"},
	{.method = "GET", .path = "/dashboard", .handler = web_dashboard, .roles = ALL,
	 .summary = "Dashboard of my scope (or ?unit= inside it) for ?year= in ?geography=then|today, with charts and the map"},
	{.method = "GET", .path = "/reports/overview", .handler = web_totals_overview, .roles = ALL,
	 .summary = "A unit's report totals by sub-unit (or a club's by month): chosen indicators and rates with targets, either geography, drafts counted or not; ?format=csv downloads the table"},
	{.method = "GET", .path = "/reports/trend", .handler = web_totals_trend, .roles = ALL,
	 .summary = "One indicator or rate of a unit by month, quarter or year: a chart drawn by the server and its table"},
	{.method = "GET", .path = "/reports/rate", .handler = web_totals_rate, .roles = ALL,
	 .summary = "The reporting rate of a unit's sub-units for one month: clubs expected, reports begun, submitted, on time, approved"},
	/* Funds and loans (web/funds.c, web/loans.c): entries and loans are people's data (no viewers). */
	{.method = "GET", .path = "/clubs/{id}/funds", .handler = web_club_funds, .roles = PEOPLE,
	 .summary = "A club's two funds: balances, loans outstanding (late loans first), recent entries"},
	{.method = "GET", .path = "/clubs/{id}/funds/open", .handler = web_fund_open_form, .roles = KEEPERS,
	 .summary = "Open a club's fund books with their balances on the cut-off day (form; once)"},
	{.method = "POST", .path = "/clubs/{id}/funds/open", .handler = web_fund_open, .flags = R_FORM, .roles = KEEPERS,
	 .summary = "Open a club's fund books: date, income, activity, handled_by"},
	{.method = "GET", .path = "/clubs/{id}/funds/transfer", .handler = web_fund_transfer_form, .roles = KEEPERS,
	 .summary = "Move money between a club's two funds (form)"},
	{.method = "POST", .path = "/clubs/{id}/funds/transfer", .handler = web_fund_transfer, .flags = R_FORM,
	 .roles = KEEPERS, .summary = "Move money between a club's two funds: from, date, amount, handled_by, note"},
	{.method = "GET", .path = "/clubs/{id}/funds/{kind}/new", .handler = web_fund_entry_new, .roles = KEEPERS,
	 .summary = "Record an entry in a club's fund (kind income or activity; form)"},
	{.method = "POST", .path = "/clubs/{id}/funds/{kind}/new", .handler = web_fund_entry_create, .flags = R_FORM,
	 .roles = KEEPERS, .summary = "Record an entry: kind, date, amount, category, party, member, handled_by, note (next=1: another after it)"},
	{.method = "GET", .path = "/clubs/{id}/funds/{kind}/book", .handler = web_fund_book, .roles = PEOPLE,
	 .summary = "The fund book (sổ quỹ) for ?from=&to= with running balances, printable on A4"},
	{.method = "GET", .path = "/clubs/{id}/entries/{eid}", .handler = web_fund_entry_show, .roles = PEOPLE,
	 .summary = "One fund entry, with the form that reverses it"},
	{.method = "POST", .path = "/clubs/{id}/entries/{eid}/reverse", .handler = web_fund_entry_reverse,
	 .flags = R_FORM, .roles = KEEPERS, .summary = "Reverse a fund entry with a reason (a new opposite entry)"},
	{.method = "GET", .path = "/clubs/{id}/entries/{eid}/print", .handler = web_fund_entry_print, .roles = PEOPLE,
	 .summary = "The receipt or payment voucher (phiếu thu / phiếu chi) of an entry, printable on A4"},
	{.method = "GET", .path = "/clubs/{id}/loans/new", .handler = web_loan_new, .roles = KEEPERS,
	 .summary = "Lend to a member (form, with the repayment schedule previewed)"},
	{.method = "POST", .path = "/clubs/{id}/loans/new", .handler = web_loan_create, .flags = R_FORM, .roles = KEEPERS,
	 .summary = "Lend: member, principal, purpose, rate, term, schedule, disbursed_on, handled_by (action=preview only shows the schedule)"},
	{.method = "GET", .path = "/clubs/{id}/loans/{lid}", .handler = web_loan_show, .roles = PEOPLE,
	 .summary = "One loan: schedule, payments, the interest rule, repay and write-off forms"},
	{.method = "POST", .path = "/clubs/{id}/loans/{lid}/repay", .handler = web_loan_repay, .flags = R_FORM,
	 .roles = KEEPERS, .summary = "Record a repayment: date, amount (interest first, then principal), handled_by"},
	{.method = "POST", .path = "/clubs/{id}/loans/{lid}/write-off", .handler = web_loan_write_off, .flags = R_FORM,
	 .roles = KEEPERS, .summary = "Write off what is left of a loan: date, reason, confirmed_by (a second board member)"},
	{.method = "GET", .path = "/clubs/{id}/loans/{lid}/card", .handler = web_loan_card, .roles = PEOPLE,
	 .summary = "The member's loan card, printable on A4"},
	{.method = "GET", .path = "/clubs/{id}/loans/{lid}/agreement", .handler = web_loan_agreement, .roles = PEOPLE,
	 .summary = "A simple loan agreement, printable on A4"},
	{.method = "GET", .path = "/units/{code}/funds", .handler = web_unit_funds, .roles = ALL,
	 .summary = "Fund figures of a unit (or a club code) by sub-unit: fund totals, members borrowing, clubs holding both funds, PAR30, repayment rate (?date=)"},
	{.method = "GET", .path = "/funds", .handler = web_funds, .roles = ALL,
	 .summary = "Fund figures of the country by province (users with a scope go to their unit's)"},
	{.method = "GET", .path = "/programmes", .handler = web_programmes, .roles = ALL,
	 .summary = "The programmes (Đề án 1336, Đề án 1648) with their decision and period"},
	{.method = "GET", .path = "/programmes/{id}", .handler = web_programme_show, .roles = ALL,
	 .summary = "One programme: progress against the targets in force (?year=, ?unit= a province), the targets and their revisions"},
	{.method = "POST", .path = "/programmes/{id}", .handler = web_programme_update, .flags = R_FORM, .roles = NATIONAL,
	 .summary = "Change a programme's name, decision number and date, period"},
	{.method = "POST", .path = "/programmes/{id}/targets", .handler = web_target_set, .flags = R_FORM, .roles = NATIONAL,
	 .summary = "Set a target, or revise the one in force with a date and a reason"},
	{.method = "GET", .path = "/plans", .handler = web_plans, .roles = PLAN_READERS,
	 .summary = "The province plans of a programme (?programme=, ?year=): issued out of how many provinces, budgets, new clubs registered against the target"},
	{.method = "GET", .path = "/plans.xlsx", .handler = web_plans_xlsx, .roles = PLAN_READERS,
	 .summary = "The province plans of a programme as Excel (the columns the plans import reads)"},
	{.method = "GET", .path = "/plans/{programme}/{code}", .handler = web_plan_show, .roles = PLAN_READERS,
	 .summary = "One province's plan for a programme (a form for those who keep it)"},
	{.method = "POST", .path = "/plans/{programme}/{code}", .handler = web_plan_save, .flags = R_FORM, .roles = PLAN_EDITORS,
	 .summary = "Save a province's plan: issued, document, new clubs registered, budget, mechanism, policy, obstacles"},
	{.method = "GET", .path = "/resources", .handler = web_resources, .roles = RESOURCE_READERS,
	 .summary = "Resources mobilised in my scope by year, unit and source, cash and in kind, with totals"},
	{.method = "GET", .path = "/resources.xlsx", .handler = web_resources_xlsx, .roles = RESOURCE_READERS,
	 .summary = "Resources mobilised in my scope as Excel (?year=, ?unit=, ?source=)"},
	{.method = "GET", .path = "/resources/new", .handler = web_resource_new, .roles = RESOURCE_EDITORS,
	 .summary = "Record a resource (form)"},
	{.method = "POST", .path = "/resources", .handler = web_resource_create, .flags = R_FORM, .roles = RESOURCE_EDITORS,
	 .summary = "Record money or goods mobilised"},
	{.method = "GET", .path = "/resources/{id}", .handler = web_resource_show, .roles = RESOURCE_READERS,
	 .summary = "One resource (a form for those who keep it)"},
	{.method = "POST", .path = "/resources/{id}", .handler = web_resource_update, .flags = R_FORM, .roles = RESOURCE_EDITORS,
	 .summary = "Change a resource"},
	{.method = "GET", .path = "/donor-projects", .handler = web_donor_projects, .roles = ALL,
	 .summary = "Donor projects with the provinces, communes and clubs they cover"},
	{.method = "GET", .path = "/donor-projects/new", .handler = web_donor_project_new, .roles = NATIONAL,
	 .summary = "Add a donor project (form)"},
	{.method = "POST", .path = "/donor-projects", .handler = web_donor_project_create, .flags = R_FORM, .roles = NATIONAL,
	 .summary = "Add a donor project"},
	{.method = "GET", .path = "/donor-projects/{id}", .handler = web_donor_project_show, .roles = ALL,
	 .summary = "One donor project: places covered and clubs supported"},
	{.method = "POST", .path = "/donor-projects/{id}", .handler = web_donor_project_update, .flags = R_FORM, .roles = NATIONAL,
	 .summary = "Change a donor project, its places and clubs"},
	{.method = "GET", .path = "/audit", .handler = web_audit, .roles = AUDITORS,
	 .summary = "History of changes, of everything or of one record"},
	{.method = "GET", .path = "/audit.csv", .handler = web_audit_csv, .roles = AUDITORS,
	 .summary = "History of changes as a CSV download"},

	/* The programme's work (issue 8): trainings, materials, visits, assessments, ranking,
	 * commendations, stories (web/work.c, web/recognition.c) */
	{.method = "GET", .path = "/trainings", .handler = web_trainings, .roles = ALL,
	 .summary = "Training courses of a year (?year=) in my scope: by province (courses, trainees by kind) and each course; the form to record one"},
	{.method = "POST", .path = "/trainings", .handler = web_training_create, .flags = R_FORM, .roles = WORKERS,
	 .summary = "Record a training course: level, unit, topic, place, start_date, end_date, officers, board_members, volunteers, note"},
	{.method = "GET", .path = "/trainings/export.xlsx", .handler = web_trainings_xlsx, .roles = ALL,
	 .summary = "The training courses of a year (?year=) in my scope as Excel"},
	{.method = "GET", .path = "/trainings/{id}", .handler = web_training_show, .roles = ALL,
	 .summary = "One training course with its participants (not for viewers)"},
	{.method = "POST", .path = "/trainings/{id}/participants", .handler = web_training_participant_add, .flags = R_FORM,
	 .roles = WORKERS, .summary = "Add a participant to a course: full_name or member_id, kind (officer, board, volunteer)"},
	{.method = "GET", .path = "/materials", .handler = web_materials, .roles = ALL,
	 .summary = "Materials printed, copies and where they went; the form to record one"},
	{.method = "POST", .path = "/materials", .handler = web_material_create, .flags = R_FORM, .roles = WORKERS,
	 .summary = "Record a printed material: level, unit, title, year, copies"},
	{.method = "POST", .path = "/materials/{id}/shares", .handler = web_material_share, .flags = R_FORM, .roles = WORKERS,
	 .summary = "Record copies of a material sent to a unit: unit, copies"},
	/* Documents of direction and guidance (issue 9, web/guidance.c) */
	{.method = "GET", .path = "/guidance", .handler = web_guidance, .roles = PLAN_READERS,
	 .summary = "Documents of direction and guidance in my scope, by ?year= and issuing ?unit= (0: the central level), paginated (?page=)"},
	{.method = "GET", .path = "/guidance/new", .handler = web_guidance_new, .roles = PLAN_EDITORS,
	 .summary = "Record a document of direction and guidance (form)"},
	{.method = "POST", .path = "/guidance", .handler = web_guidance_create, .flags = R_FORM, .roles = PLAN_EDITORS,
	 .summary = "Record a document: unit, programme, number, issued_on, kind, title, issuer, note"},
	{.method = "GET", .path = "/guidance/{id}", .handler = web_guidance_show, .roles = PLAN_READERS,
	 .summary = "One document of direction and guidance, with its edit form for those who may change it"},
	{.method = "POST", .path = "/guidance/{id}", .handler = web_guidance_update, .flags = R_FORM, .roles = PLAN_EDITORS,
	 .summary = "Change a document: programme, number, issued_on, kind, title, issuer, note"},
	{.method = "GET", .path = "/visits", .handler = web_visits, .roles = ALL,
	 .summary = "Monitoring and technical-support visits of a year (?year=) in my scope"},
	{.method = "GET", .path = "/visits/new", .handler = web_visit_new, .roles = WORKERS,
	 .summary = "Record a visit (form): findings against the checklist and a first recommendation"},
	{.method = "POST", .path = "/visits", .handler = web_visit_create, .flags = R_FORM, .roles = WORKERS,
	 .summary = "Record a visit: kind, level, visit_date, team, club or unit, findings per checklist item, summary, recommendation with owner and due_date"},
	{.method = "GET", .path = "/visits/export.xlsx", .handler = web_visits_xlsx, .roles = ALL,
	 .summary = "The visits of a year (?year=) in my scope as Excel"},
	{.method = "GET", .path = "/visits/{id}", .handler = web_visit_show, .roles = ALL,
	 .summary = "One visit: findings, recommendations and their follow-up"},
	{.method = "POST", .path = "/visits/{id}/followups", .handler = web_followup_add, .flags = R_FORM, .roles = WORKERS,
	 .summary = "Add a recommendation to a visit: recommendation, owner (unit code; empty = central), due_date"},
	{.method = "POST", .path = "/followups/{id}", .handler = web_followup_update, .flags = R_FORM, .roles = WORKERS,
	 .summary = "Record the follow-up of a recommendation: done, done_date, note"},
	{.method = "GET", .path = "/followups/overdue", .handler = web_followups_overdue, .roles = ALL,
	 .summary = "Recommendations owned by units in my scope, past due and not done"},
	{.method = "GET", .path = "/assessments", .handler = web_assessments, .roles = ALL,
	 .summary = "The yearly quality assessment of the clubs of a unit (?unit=, ?year=): clubs assessed, well managed, each club"},
	{.method = "GET", .path = "/clubs/{id}/assessments/{year}", .handler = web_assessment_show, .roles = ALL,
	 .summary = "A club's assessment of a year: what the data says and the confirmed criteria"},
	{.method = "POST", .path = "/clubs/{id}/assessments/{year}", .handler = web_assessment_save, .flags = R_FORM,
	 .roles = ASSESSORS, .summary = "Confirm a club's assessment: meets_monthly, reports_on_time, both_funds, loans_repaid, volunteers_ok (1/0), areas_active (0-8), note"},
	{.method = "GET", .path = "/ranking", .handler = web_ranking, .roles = ALL,
	 .summary = "Ranking of provinces (or of a province's clubs, ?unit=) for a year on the programme's indicators, with the weights"},
	{.method = "POST", .path = "/ranking/weights", .handler = web_ranking_weights, .flags = R_FORM, .roles = AUDITORS,
	 .summary = "Set the ranking's weights (0-100 each): R_REPORTED, R_ONTIME, R_MEETING, R_BORROW, R_WELL"},
	{.method = "GET", .path = "/commendations", .handler = web_commendations, .roles = ALL,
	 .summary = "Commendations of a year in my scope; the form to record one"},
	{.method = "POST", .path = "/commendations", .handler = web_commendation_create, .flags = R_FORM, .roles = WORKERS,
	 .summary = "Record a commendation: year, level, title, recipient_kind (unit, club, person), unit, club, person_name, decision_no"},
	{.method = "GET", .path = "/reviews", .handler = web_reviews, .roles = REVIEW_READERS,
	 .summary = "The annual review: choose a programme, a year and a unit (the country, or a province)"},
	{.method = "GET", .path = "/reviews/open", .handler = web_reviews_open, .roles = REVIEW_READERS,
	 .summary = "Go to the review chosen (?programme=&year=&unit=)"},
	{.method = "GET", .path = "/reviews/template", .handler = web_review_template, .roles = REVIEW_READERS,
	 .summary = "The unit's .docx template of the review (?unit=), its placeholders, and the upload form"},
	{.method = "POST", .path = "/reviews/template", .handler = web_review_template_upload, .flags = R_FORM | R_UPLOAD,
	 .roles = REVIEW_EDITORS, .summary = "Upload a .docx template with placeholders for a unit (unit, file)"},
	{.method = "POST", .path = "/reviews/template/delete", .handler = web_review_template_delete, .flags = R_FORM,
	 .roles = REVIEW_EDITORS, .summary = "Go back to the built-in template for a unit (unit)"},
	{.method = "GET", .path = "/reviews/template.docx", .handler = web_review_template_docx, .roles = REVIEW_READERS,
	 .summary = "Download the template in use for a unit (?unit=): its own, or the built-in one"},
	{.method = "GET", .path = "/reviews/{programme}/{year}", .handler = web_review_show, .roles = REVIEW_READERS,
	 .summary = "The annual review of a programme for a year (?unit= a province; none: the country), printable, every figure footnoted"},
	{.method = "GET", .path = "/reviews/{programme}/{year}/review.docx", .handler = web_review_docx, .roles = REVIEW_READERS,
	 .summary = "The annual review as a Word document from the unit's template (?unit=)"},
	{.method = "GET", .path = "/reviews/{programme}/{year}/tasks", .handler = web_review_tasks_form, .roles = REVIEW_EDITORS,
	 .summary = "The tasks for next year of a review (?unit=): the form"},
	{.method = "POST", .path = "/reviews/{programme}/{year}/tasks", .handler = web_review_tasks_save, .flags = R_FORM,
	 .roles = REVIEW_EDITORS, .summary = "Save the tasks for next year of a review (unit, tasks)"},
	{.method = "GET", .path = "/stories", .handler = web_stories, .roles = ALL,
	 .summary = "Success stories in my scope; the form to write one"},
	{.method = "POST", .path = "/stories", .handler = web_story_create, .flags = R_FORM, .roles = STORY_WRITERS,
	 .summary = "Write a success story (draft): club, year, title, body, member_id, show_club, show_member"},
	{.method = "GET", .path = "/stories/{id}", .handler = web_story_show, .roles = ALL,
	 .summary = "One story with its photos, publish and edit forms"},
	{.method = "POST", .path = "/stories/{id}", .handler = web_story_update, .flags = R_FORM, .roles = STORY_WRITERS,
	 .summary = "Change a story: year, title, body, member_id, show_club, show_member"},
	{.method = "POST", .path = "/stories/{id}/publish", .handler = web_story_publish, .flags = R_FORM, .roles = AUDITORS,
	 .summary = "Publish (publish=1) or withdraw (publish=0) a story's public page"},
	{.method = "POST", .path = "/stories/{id}/photos", .handler = web_story_photo_add, .flags = R_FORM | R_UPLOAD,
	 .roles = STORY_WRITERS, .summary = "Add a photo to a story: photo (JPEG or PNG, at most 3 MB), caption"},
	{.method = "GET", .path = "/stories/{id}/photos/{photo}", .handler = web_story_photo, .roles = ALL,
	 .summary = "A photo of a story in my scope"},
	{.method = "GET", .path = "/public/stories/{id}", .handler = web_public_story, .flags = R_PUBLIC,
	 .summary = "The public page of a published story (no log-in): only what was chosen to be shown"},
	{.method = "GET", .path = "/public/stories/{id}/photos/{photo}", .handler = web_public_story_photo, .flags = R_PUBLIC,
	 .summary = "A photo of a published story (no log-in)"},

	/* JSON API */
	{.method = "GET", .path = "/api/v1/openapi.json", .handler = api_openapi, .flags = R_PUBLIC | R_API,
	 .summary = "This API's OpenAPI 3.1 description"},
	{.method = "POST", .path = "/api/v1/login", .handler = api_login, .flags = R_PUBLIC | R_API | R_JSON,
	 .summary = "Log in: sets the session cookie and returns the CSRF token"},
	{.method = "POST", .path = "/api/v1/logout", .handler = api_logout, .flags = R_API | R_PRE_PASSWORD,
	 .roles = ALL, .summary = "Log out: ends the session"},
	{.method = "GET", .path = "/api/v1/me", .handler = api_me, .flags = R_API | R_PRE_PASSWORD,
	 .roles = ALL, .summary = "Who I am: user, role, scope, language"},
	{.method = "GET", .path = "/api/v1/tokens", .handler = api_tokens, .flags = R_API, .roles = ALL,
	 .summary = "My API tokens (never the secrets)"},
	{.method = "DELETE", .path = "/api/v1/tokens/{id}", .handler = api_token_revoke, .flags = R_API,
	 .roles = ALL, .summary = "Revoke one of my API tokens"},
	{.method = "GET", .path = "/api/v1/users", .handler = api_users, .flags = R_API, .roles = ADMIN,
	 .summary = "Users, paginated"},
	{.method = "POST", .path = "/api/v1/users", .handler = api_user_create, .flags = R_API | R_JSON,
	 .roles = ADMIN, .summary = "Create a user"},
	{.method = "GET", .path = "/api/v1/users/{id}", .handler = api_user_show, .flags = R_API,
	 .roles = ADMIN, .summary = "One user"},
	{.method = "GET", .path = "/api/v1/units", .handler = api_units, .flags = R_API, .roles = ALL,
	 .summary = "Administrative units in force on a date (?on=), by level, parent or name, paginated"},
	{.method = "GET", .path = "/api/v1/units/{code}", .handler = api_unit_show, .flags = R_API,
	 .roles = ALL, .summary = "One unit as of a date, with predecessors, successors and today's unit"},
	{.method = "GET", .path = "/api/v1/clubs", .handler = api_clubs, .flags = R_API, .roles = ALL,
	 .summary = "Clubs in my scope in Vietnamese name order, paginated; ?unit=CODE, ?status=planned|founded|active|inactive|dissolved, ?q= name words (accents optional) or code; no contact for viewers"},
	{.method = "POST", .path = "/api/v1/clubs", .handler = api_club_create, .flags = R_API | R_JSON,
	 .roles = CLUB_MAKERS, .summary = "Create a club: name, unit_code (a commune in my scope), village, decision_no, decision_date, status, status_date, founded_on, programme, meeting_place, contact_name, contact_phone"},
	{.method = "GET", .path = "/api/v1/clubs/{id}", .handler = api_club_show, .flags = R_API, .roles = ALL,
	 .summary = "One club in my scope with its composition and model checks (?on=DATE)"},
	{.method = "PATCH", .path = "/api/v1/clubs/{id}", .handler = api_club_update, .flags = R_API | R_JSON,
	 .roles = CLUB_MAKERS, .summary = "Change the fields given (null clears; the commune never changes)"},
	{.method = "GET", .path = "/api/v1/clubs/{id}/members", .handler = api_club_members, .flags = R_API,
	 .roles = PEOPLE, .summary = "A club's members in name order, paginated; ?q=, ?sort=name|birth|joined, ?include_left=1"},
	{.method = "POST", .path = "/api/v1/clubs/{id}/members", .handler = api_club_member_create,
	 .flags = R_API | R_JSON, .roles = KEEPERS, .summary = "Add a member; 409 duplicate_person with existing_member_id unless confirm_duplicate is true"},
	{.method = "GET", .path = "/api/v1/members", .handler = api_members, .flags = R_API, .roles = PEOPLE,
	 .summary = "Members across my scope, paginated; ?q= (accents optional), ?unit=CODE, ?club=ID|CODE, ?sort=name|birth|joined, ?include_left=1"},
	{.method = "GET", .path = "/api/v1/members/{id}", .handler = api_member_show, .flags = R_API,
	 .roles = PEOPLE, .summary = "One member in my scope (national_id only for the roles that keep the books)"},
	{.method = "PATCH", .path = "/api/v1/members/{id}", .handler = api_member_update, .flags = R_API | R_JSON,
	 .roles = KEEPERS, .summary = "Change the fields given of a member; left_on needs left_reason"},
	{.method = "GET", .path = "/api/v1/clubs/{id}/board", .handler = api_club_board, .flags = R_API,
	 .roles = PEOPLE, .summary = "A club's board roles, current and past (?current=1: roles held today)"},
	{.method = "POST", .path = "/api/v1/clubs/{id}/board", .handler = api_club_board_assign,
	 .flags = R_API | R_JSON, .roles = KEEPERS, .summary = "Give a member of the club a board role: member_id, role, from"},
	{.method = "GET", .path = "/api/v1/clubs/{id}/volunteers", .handler = api_club_volunteers, .flags = R_API,
	 .roles = PEOPLE, .summary = "A club's home-care volunteers and whom they visit (?current=1)"},
	{.method = "POST", .path = "/api/v1/clubs/{id}/volunteers", .handler = api_club_volunteer_add,
	 .flags = R_API | R_JSON, .roles = KEEPERS, .summary = "Make a member of the club a home-care volunteer: member_id, from"},
	{.method = "GET", .path = "/api/v1/composition", .handler = api_composition, .flags = R_API, .roles = ALL,
	 .summary = "Composition against the club model for a club (?club=ID|CODE), a unit (?unit=CODE) or my whole scope, on ?on=DATE"},
	{.method = "POST", .path = "/api/v1/imports/members", .handler = api_import_members,
	 .flags = R_API | R_FORM | R_UPLOAD, .roles = KEEPERS,
	 .summary = "Import members from an uploaded .xlsx/.csv (?club=; preview=1 checks only)"},
	{.method = "POST", .path = "/api/v1/imports/clubs", .handler = api_import_clubs,
	 .flags = R_API | R_FORM | R_UPLOAD, .roles = CLUB_MAKERS,
	 .summary = "Import clubs from an uploaded .xlsx/.csv (preview=1 checks only)"},
	{.method = "POST", .path = "/api/v1/imports/reports", .handler = api_import_reports,
	 .flags = R_API | R_FORM | R_UPLOAD, .roles = KEEPERS,
	 .summary = "Import past months' reports, one row per club and month, from an uploaded .xlsx/.csv (preview=1 checks only; all months or none)"},
	{.method = "GET", .path = "/api/v1/indicators", .handler = api_indicators, .flags = R_API, .roles = ALL,
	 .summary = "The indicator catalogue in force, or of ?version=N, with the list of versions"},
	{.method = "POST", .path = "/api/v1/indicators", .handler = api_indicator_create, .flags = R_API | R_JSON,
	 .roles = ADMIN, .summary = "Add an indicator: code, area, kind, source, over_time, label_vi, label_en, definition_en, definition_vi, check, note; makes a new catalogue version"},
	{.method = "GET", .path = "/api/v1/indicators/{code}", .handler = api_indicator_show, .flags = R_API,
	 .roles = ALL, .summary = "One indicator as of ?version=N (default its latest wording), with all its wordings"},
	{.method = "PATCH", .path = "/api/v1/indicators/{code}", .handler = api_indicator_update,
	 .flags = R_API | R_JSON, .roles = ADMIN, .summary = "Reword an indicator: label_vi, label_en, definition_en, definition_vi, note; makes a new catalogue version"},
	{.method = "POST", .path = "/api/v1/indicators/{code}/retire", .handler = api_indicator_retire,
	 .flags = R_API | R_JSON, .roles = ADMIN, .summary = "Retire an indicator (optional note); makes a new catalogue version"},
	{.method = "GET", .path = "/api/v1/clubs/{id}/reports/{period}", .handler = api_club_report, .flags = R_API,
	 .roles = PEOPLE, .summary = "A club's monthly report (period YYYY-MM): every indicator of its catalogue version, member figures computed from the book"},
	{.method = "PUT", .path = "/api/v1/clubs/{id}/reports/{period}", .handler = api_club_report_save,
	 .flags = R_API | R_JSON, .roles = KEEPERS, .summary = "Save typed values of a draft or returned report: {\"values\": {\"CODE\": value or null}, \"confirm\": true or [\"CODE\"]}; checked, all or nothing; 422 lists every problem (warning true: confirm it)"},
	{.method = "POST", .path = "/api/v1/clubs/{id}/reports/{period}/submit", .handler = api_club_report_submit,
	 .flags = R_API | R_JSON, .roles = KEEPERS, .summary = "Submit a club's monthly report (optional values and confirm as PUT): the checks again, then it is locked"},
	{.method = "POST", .path = "/api/v1/clubs/{id}/reports/{period}/approve", .handler = api_club_report_approve,
	 .flags = R_API | R_JSON, .roles = APPROVERS, .summary = "Approve a submitted monthly report (commune, or province when the commune does not, or administrator); it is then locked"},
	{.method = "POST", .path = "/api/v1/clubs/{id}/reports/{period}/return", .handler = api_club_report_return,
	 .flags = R_API | R_JSON, .roles = APPROVERS, .summary = "Return a submitted monthly report: {\"comment\": \"...\"} (required)"},
	{.method = "POST", .path = "/api/v1/clubs/{id}/reports/{period}/reopen", .handler = api_club_report_reopen,
	 .flags = R_API | R_JSON, .roles = REOPENERS, .summary = "Reopen an approved monthly report (a level above the approver): {\"reason\": \"...\"} (required)"},
	{.method = "GET", .path = "/api/v1/clubs/{id}/reports", .handler = api_club_reports, .flags = R_API,
	 .roles = PEOPLE, .summary = "The months stored of a club's reports, newest first, with status, due date and on time"},
	{.method = "GET", .path = "/api/v1/units/{code}/reports/{period}", .handler = api_unit_reports, .flags = R_API,
	 .roles = PEOPLE, .summary = "The clubs of a unit expected to report for a month with their status, paginated; ?status=none|draft|submitted|approved|returned"},
	{.method = "GET", .path = "/api/v1/settings", .handler = api_settings, .flags = R_API, .roles = ALL,
	 .summary = "Settings: older_age (55 or 60) and report_due_day (the day of the next month reports are due)"},
	{.method = "PATCH", .path = "/api/v1/settings", .handler = api_settings_update, .flags = R_API | R_JSON,
	 .roles = ADMIN, .summary = "Change settings: older_age (55 or 60), report_due_day (1 to 28)"},
	{.method = "GET", .path = "/api/v1/aggregates", .handler = api_aggregates, .flags = R_API, .roles = ALL,
	 .summary = "Live totals of the monthly reports for a unit (?unit=CODE, a club code, or none: my scope) over ?from=YYYY-MM&to=YYYY-MM: ?indicators=A,B (indicators, rates R_*, counts _EXPECTED|_REPORTS|_ONTIME|_APPROVED), ?by=child|month, ?step=month|quarter|year, ?geography=then|today, ?status=all|submitted|approved"},
	{.method = "GET", .path = "/api/v1/tables", .handler = api_tables, .flags = R_API, .roles = ALL,
	 .summary = "Periodic tables: sub-units × a set of indicators (?set=members|meetings|funds|reporting) for ?unit=CODE&from=YYYY-MM&to=YYYY-MM, with totals and targets in both geographies; ?format=json|csv|xlsx, ?geography=today|then (CSV), ?status=submitted|approved|all"},
	{.method = "GET", .path = "/api/v1/exports/{file}", .handler = api_export, .flags = R_API, .roles = ALL,
	 .summary = "Large exports in my scope, streamed: members.xlsx|csv, clubs.xlsx|csv (as /exports/), report-values.csv|xlsx?year=; members and report values refused to viewers"},
	{.method = "GET", .path = "/api/v1/aggregates/indicators", .handler = api_aggregate_indicators, .flags = R_API,
	 .roles = ALL, .summary = "What the totals can be asked for: the indicators in force, the rates with their formula and target, the counts"},
	{.method = "GET", .path = "/api/v1/clubs/{id}/funds", .handler = api_club_funds, .flags = R_API, .roles = PEOPLE,
	 .summary = "A club's two funds (income: lent to members; activity) with their balances, and its loans outstanding, late ones first"},
	{.method = "POST", .path = "/api/v1/clubs/{id}/funds/open", .handler = api_club_funds_open, .flags = R_API | R_JSON,
	 .roles = KEEPERS, .summary = "Open both fund books once with their balances on the cut-off day: date, income, activity, handled_by"},
	{.method = "GET", .path = "/api/v1/clubs/{id}/funds/{kind}/entries", .handler = api_fund_entries, .flags = R_API,
	 .roles = PEOPLE, .summary = "Entries of a club's fund (kind income|activity), newest first, paginated"},
	{.method = "POST", .path = "/api/v1/clubs/{id}/funds/{kind}/entries", .handler = api_fund_entry_add,
	 .flags = R_API | R_JSON, .roles = KEEPERS, .summary = "Record an entry (phiếu thu / phiếu chi) in a club's fund: kind, date, amount (đồng, > 0), category, party, member, handled_by, note; never below zero, never in a locked month"},
	{.method = "POST", .path = "/api/v1/clubs/{id}/funds/transfer", .handler = api_fund_transfer, .flags = R_API | R_JSON,
	 .roles = KEEPERS, .summary = "Move money between a club's two funds: from (income|activity), date, amount, handled_by, note; two paired entries"},
	{.method = "GET", .path = "/api/v1/clubs/{id}/entries/{eid}", .handler = api_entry_show, .flags = R_API,
	 .roles = PEOPLE, .summary = "One fund entry of a club, with its hash and the entry reversing it, if any"},
	{.method = "POST", .path = "/api/v1/clubs/{id}/entries/{eid}/reverse", .handler = api_entry_reverse,
	 .flags = R_API | R_JSON, .roles = KEEPERS, .summary = "Correct an entry by a reversing entry: reason (required), date (default today)"},
	{.method = "GET", .path = "/api/v1/clubs/{id}/funds/{kind}/book", .handler = api_fund_book, .flags = R_API,
	 .roles = PEOPLE, .summary = "The fund book (sổ quỹ) for ?from=&to=: balance brought forward, entries with running balances, totals"},
	{.method = "GET", .path = "/api/v1/clubs/{id}/loans", .handler = api_club_loans, .flags = R_API, .roles = PEOPLE,
	 .summary = "A club's loans, late ones first; ?status=active|closed|all, ?member=ID"},
	{.method = "POST", .path = "/api/v1/clubs/{id}/loans", .handler = api_club_loan_create, .flags = R_API | R_JSON,
	 .roles = KEEPERS, .summary = "Lend to a member from the income fund: member, principal, purpose, rate (percent a month) or rate_bp, term, schedule (equal|end), disbursed_on, handled_by, note; opening and outstanding for loans from the paper books"},
	{.method = "GET", .path = "/api/v1/clubs/{id}/loans/{lid}", .handler = api_club_loan_show, .flags = R_API,
	 .roles = PEOPLE, .summary = "One loan with its schedule, payments, and interest due, arrears and payoff as of ?asof=DATE"},
	{.method = "POST", .path = "/api/v1/clubs/{id}/loans/{lid}/repayments", .handler = api_club_loan_repay,
	 .flags = R_API | R_JSON, .roles = KEEPERS, .summary = "Record a repayment: date, amount (interest due first, then principal; early repayment allowed, never more than owed), handled_by, note"},
	{.method = "POST", .path = "/api/v1/clubs/{id}/loans/{lid}/write-off", .handler = api_club_loan_write_off,
	 .flags = R_API | R_JSON, .roles = KEEPERS, .summary = "Write off what is left of a loan: date, reason, confirmed_by (a second board member of the club)"},
	{.method = "GET", .path = "/api/v1/loans/plan", .handler = api_loan_plan, .flags = R_API, .roles = PEOPLE,
	 .summary = "The planned schedule of a loan: ?principal=&rate= (or rate_bp=)&term=&schedule=equal|end&disbursed_on="},
	{.method = "GET", .path = "/api/v1/dashboard", .handler = api_dashboard, .flags = R_API, .roles = ALL,
	 .summary = "Dashboard figures of my scope (or ?unit= inside it) for ?year= in ?geography=then|today"},
	{.method = "GET", .path = "/api/v1/funds/figures", .handler = api_fund_figures, .flags = R_API, .roles = ALL,
	 .summary = "Fund figures of a unit (?unit=CODE, a club code, or none: the country) on ?date=: cash, loans outstanding, PAR30, borrowers against the 50% target, clubs holding both funds, repayment rate, each ratio with its formula; ?by=child for each sub-unit"},
	{.method = "GET", .path = "/api/v1/programmes", .handler = api_programmes, .flags = R_API, .roles = ALL,
	 .summary = "The programmes (national and local; donor projects are at /api/v1/donor-projects)"},
	{.method = "GET", .path = "/api/v1/programmes/{id}", .handler = api_programme_show, .flags = R_API, .roles = ALL,
	 .summary = "One programme (id or code) with the number of provinces of its period"},
	{.method = "PATCH", .path = "/api/v1/programmes/{id}", .handler = api_programme_update, .flags = R_API | R_JSON,
	 .roles = NATIONAL, .summary = "Change a programme: name, decision, decision_date, start_date, end_date"},
	{.method = "GET", .path = "/api/v1/programmes/{id}/targets", .handler = api_targets, .flags = R_API, .roles = ALL,
	 .summary = "A programme's targets in force (?history=1: every version; ?unit=CODE or 0 for national) and the measures"},
	{.method = "POST", .path = "/api/v1/programmes/{id}/targets", .handler = api_target_set, .flags = R_API | R_JSON,
	 .roles = NATIONAL, .summary = "Set or revise a target: unit (province code or empty), year (or empty: whole period), measure, value (count, or percent for shares), decided_on, reason (required for a revision)"},
	{.method = "GET", .path = "/api/v1/programmes/{id}/progress", .handler = api_progress, .flags = R_API, .roles = ALL,
	 .summary = "Progress against the targets in force, computed from the data: ?year=, ?unit= (a province of the period)"},
	{.method = "GET", .path = "/api/v1/plans", .handler = api_plans, .flags = R_API, .roles = PLAN_READERS,
	 .summary = "Province plans of ?programme= (id or code; default the one running) with the count of provinces that issued one by ?year="},
	{.method = "GET", .path = "/api/v1/plans/{programme}/{code}", .handler = api_plan_show, .flags = R_API,
	 .roles = PLAN_READERS, .summary = "One province's plan for a programme"},
	{.method = "PUT", .path = "/api/v1/plans/{programme}/{code}", .handler = api_plan_save, .flags = R_API | R_JSON,
	 .roles = PLAN_EDITORS, .summary = "Save a province's plan: issued, doc_no, issued_on, clubs_registered, budget_vnd, budget_decision, budget_date, finance_mechanism, mobilisation_policy, obstacles"},
	{.method = "GET", .path = "/api/v1/resources", .handler = api_resources, .flags = R_API, .roles = RESOURCE_READERS,
	 .summary = "Resources mobilised in my scope, paginated, with sums: ?year=, ?unit=, ?source=, ?project="},
	{.method = "POST", .path = "/api/v1/resources", .handler = api_resource_create, .flags = R_API | R_JSON,
	 .roles = RESOURCE_EDITORS, .summary = "Record a resource: unit, year, source, form (cash|in_kind), value_vnd, project, description, received_on"},
	{.method = "GET", .path = "/api/v1/resources/{id}", .handler = api_resource_show, .flags = R_API,
	 .roles = RESOURCE_READERS, .summary = "One resource in my scope"},
	{.method = "PATCH", .path = "/api/v1/resources/{id}", .handler = api_resource_update, .flags = R_API | R_JSON,
	 .roles = RESOURCE_EDITORS, .summary = "Change the fields given of a resource"},
	{.method = "GET", .path = "/api/v1/donor-projects", .handler = api_donor_projects, .flags = R_API, .roles = ALL,
	 .summary = "Donor projects with the numbers of provinces, communes and clubs they cover"},
	{.method = "POST", .path = "/api/v1/donor-projects", .handler = api_donor_project_create, .flags = R_API | R_JSON,
	 .roles = NATIONAL, .summary = "Add a donor project: code, name, donor, start_date, end_date, units and clubs (codes)"},
	{.method = "GET", .path = "/api/v1/donor-projects/{id}", .handler = api_donor_project_show, .flags = R_API,
	 .roles = ALL, .summary = "One donor project with its units and clubs"},
	{.method = "PATCH", .path = "/api/v1/donor-projects/{id}", .handler = api_donor_project_update,
	 .flags = R_API | R_JSON, .roles = NATIONAL, .summary = "Change a donor project (units and clubs given replace the lists)"},
	{.method = "POST", .path = "/api/v1/imports/plans", .handler = api_import_plans, .flags = R_API | R_FORM | R_UPLOAD,
	 .roles = PLAN_EDITORS, .summary = "Import province plans from an uploaded .xlsx/.csv (preview=1 checks only; all rows or none)"},
	{.method = "POST", .path = "/api/v1/imports/trainings", .handler = api_import_trainings,
	 .flags = R_API | R_FORM | R_UPLOAD, .roles = WORKERS,
	 .summary = "Import training courses from an uploaded .xlsx/.csv (preview=1 checks only; all rows or none)"},
	{.method = "POST", .path = "/api/v1/imports/visits", .handler = api_import_visits,
	 .flags = R_API | R_FORM | R_UPLOAD, .roles = WORKERS,
	 .summary = "Import monitoring and support visits, each with an optional recommendation, from an uploaded .xlsx/.csv (preview=1 checks only; all rows or none)"},
	{.method = "GET", .path = "/api/v1/audit", .handler = api_audit, .flags = R_API, .roles = AUDITORS,
	 .summary = "History of changes, paginated; filter by entity and id"},
	{.method = "GET", .path = "/api/v1/trainings", .handler = api_trainings, .flags = R_API, .roles = ALL,
	 .summary = "Training courses of ?year= in my scope, with the totals by province (courses, trainees by kind)"},
	{.method = "POST", .path = "/api/v1/trainings", .handler = api_training_create, .flags = R_API | R_JSON, .roles = WORKERS,
	 .summary = "Record a training course: level, unit_code, topic, place, start_date, end_date, officers, board_members, volunteers, note"},
	{.method = "GET", .path = "/api/v1/trainings/{id}", .handler = api_training_show, .flags = R_API, .roles = ALL,
	 .summary = "One training course"},
	{.method = "GET", .path = "/api/v1/materials", .handler = api_materials, .flags = R_API, .roles = ALL,
	 .summary = "Materials printed (?year=), with the copies sent out"},
	{.method = "POST", .path = "/api/v1/materials", .handler = api_material_create, .flags = R_API | R_JSON, .roles = WORKERS,
	 .summary = "Record a printed material: level, unit_code, title, year, copies"},
	{.method = "GET", .path = "/api/v1/guidance", .handler = api_guidance, .flags = R_API, .roles = PLAN_READERS,
	 .summary = "Documents of direction and guidance in my scope, by ?year=, ?unit= (a province code; 0: the central level) and ?programme= (code), paginated"},
	{.method = "POST", .path = "/api/v1/guidance", .handler = api_guidance_create, .flags = R_API | R_JSON, .roles = PLAN_EDITORS,
	 .summary = "Record a document of direction and guidance: unit_code (empty: the central level), programme, number, issued_on, kind, title, issuer, note"},
	{.method = "GET", .path = "/api/v1/guidance/{id}", .handler = api_guidance_show, .flags = R_API, .roles = PLAN_READERS,
	 .summary = "One document of direction and guidance"},
	{.method = "PATCH", .path = "/api/v1/guidance/{id}", .handler = api_guidance_update, .flags = R_API | R_JSON, .roles = PLAN_EDITORS,
	 .summary = "Change a document: programme, number, issued_on, kind, title, issuer, note (the issuing unit stays)"},
	{.method = "GET", .path = "/api/v1/visits", .handler = api_visits, .flags = R_API, .roles = ALL,
	 .summary = "Monitoring and support visits of ?year= (and ?kind=) in my scope, paginated"},
	{.method = "POST", .path = "/api/v1/visits", .handler = api_visit_create, .flags = R_API | R_JSON, .roles = WORKERS,
	 .summary = "Record a visit: kind, level, visit_date, team, club or unit_code, summary, findings {item: yes|partly|no|na}"},
	{.method = "GET", .path = "/api/v1/visits/{id}", .handler = api_visit_show, .flags = R_API, .roles = ALL,
	 .summary = "One visit with its findings and recommendations"},
	{.method = "POST", .path = "/api/v1/visits/{id}/followups", .handler = api_followup_add, .flags = R_API | R_JSON,
	 .roles = WORKERS, .summary = "Add a recommendation: recommendation, owner_code (empty: central), due_date"},
	{.method = "PATCH", .path = "/api/v1/followups/{id}", .handler = api_followup_update, .flags = R_API | R_JSON,
	 .roles = WORKERS, .summary = "Record a recommendation's follow-up: done (true/false), done_date, note"},
	{.method = "GET", .path = "/api/v1/followups/overdue", .handler = api_followups_overdue, .flags = R_API, .roles = ALL,
	 .summary = "Recommendations owned by units in my scope, past due and not done"},
	{.method = "GET", .path = "/api/v1/clubs/{id}/assessments/{year}", .handler = api_assessment_show, .flags = R_API,
	 .roles = ALL, .summary = "A club's assessment of a year: confirmed or pre-filled, with the data behind it"},
	{.method = "PUT", .path = "/api/v1/clubs/{id}/assessments/{year}", .handler = api_assessment_save,
	 .flags = R_API | R_JSON, .roles = ASSESSORS,
	 .summary = "Confirm a club's assessment: meets_monthly, reports_on_time, both_funds, loans_repaid, volunteers_ok (true/false), areas_active (0-8), note"},
	{.method = "GET", .path = "/api/v1/assessments/counts", .handler = api_assessment_counts, .flags = R_API, .roles = ALL,
	 .summary = "Clubs assessed and clubs well managed in ?year= under ?unit= (a unit or club code; none: my scope)"},
	{.method = "GET", .path = "/api/v1/ranking", .handler = api_ranking, .flags = R_API, .roles = ALL,
	 .summary = "The ranking of provinces (or of a province's clubs, ?unit=) for ?year=, values in permille, with the weights"},
	{.method = "PUT", .path = "/api/v1/ranking/weights", .handler = api_ranking_weights, .flags = R_API | R_JSON,
	 .roles = AUDITORS, .summary = "Set the ranking's weights (0-100): R_REPORTED, R_ONTIME, R_MEETING, R_BORROW, R_WELL"},
	{.method = "GET", .path = "/api/v1/commendations", .handler = api_commendations, .flags = R_API, .roles = ALL,
	 .summary = "Commendations (?year=) in my scope; no person's name for viewers"},
	{.method = "POST", .path = "/api/v1/commendations", .handler = api_commendation_create, .flags = R_API | R_JSON,
	 .roles = WORKERS, .summary = "Record a commendation: year, level, title, recipient_kind, unit_code, club, person_name, member_id, decision_no"},
	{.method = "GET", .path = "/api/v1/reviews/{programme}/{year}", .handler = api_review, .flags = R_API,
	 .roles = REVIEW_READERS,
	 .summary = "The annual review's figures (?unit= a province; none: the country), its paragraphs and how each figure was counted"},
	{.method = "GET", .path = "/api/v1/stories", .handler = api_stories, .flags = R_API, .roles = ALL,
	 .summary = "Success stories in my scope with their status"},
	{0},
};

/* Matches pattern against path segment by segment; {name} takes one non-empty segment. */
static int route_path_match(Req *r, const char *pattern, const char *path)
{
	int n = 0;
	const char *names[REQ_MAX_PATH_PARAMS], *values[REQ_MAX_PATH_PARAMS];
	while (*pattern && *path) {
		if (*pattern == '{') {
			const char *end = strchr(pattern, '}');
			const char *seg = path;
			while (*path && *path != '/')
				path++;
			if (path == seg || n == REQ_MAX_PATH_PARAMS || !end)
				return 0;
			names[n] = arena_strndup(&r->arena, pattern + 1, (size_t)(end - pattern - 1));
			values[n] = arena_strndup(&r->arena, seg, (size_t)(path - seg));
			n++;
			pattern = end + 1;
			continue;
		}
		if (*pattern != *path)
			return 0;
		pattern++;
		path++;
	}
	if (*pattern || *path)
		return 0;
	for (int i = 0; i < n; i++) {
		r->param_names[i] = names[i];
		r->param_values[i] = values[i];
	}
	r->nparams = n;
	return 1;
}

const Route *route_match(Req *r, const char *method, const char *path, int *status)
{
	Buf allow;
	buf_init(&allow, 256);
	const Route *found = NULL;
	int path_seen = 0;
	int head = strcmp(method, "HEAD") == 0;
	for (const Route *rt = routes; rt->method; rt++) {
		if (!route_path_match(r, rt->path, path))
			continue;
		path_seen = 1;
		if (strcmp(rt->method, method) == 0 || (head && strcmp(rt->method, "GET") == 0)) {
			found = rt;
			break;
		}
		if (!strstr(buf_str(&allow), rt->method))
			buf_printf(&allow, "%s%s", allow.len ? ", " : "", rt->method);
	}
	if (found) {
		/* Parameters of the matching row (a later failed match may have cleared them). */
		route_path_match(r, found->path, path);
	} else {
		*status = path_seen ? 405 : 404;
		if (path_seen)
			r->allow = arena_strdup(&r->arena, buf_str(&allow));
	}
	buf_free(&allow);
	return found;
}

static void gate_authenticate(Req *r)
{
	const char *auth = req_header(r, "Authorization");
	if (auth && strncasecmp(auth, "Bearer ", 7) == 0) {
		r->authed = auth_token_check(r->db, auth + 7, &r->actor);
		return;
	}
	const char *cookie = req_cookie(r, "ishc_session");
	if (!cookie)
		return;
	int s = auth_session(r->db, cookie, &r->actor);
	r->authed = s == 1;
	r->session_expired = s == 2;
	if (!r->authed)
		memset(&r->actor, 0, sizeof r->actor);
}

void gate_before_body(Req *r)
{
	const Route *rt = r->route;
	gate_authenticate(r);
	if (r->authed)
		r->lang = strcmp(r->actor.lang, "en") == 0 ? "en" : "vi";
	if (rt->flags & R_PUBLIC)
		return;
	if (!r->authed) {
		r->pending = r->session_expired ? E_SESSION_EXPIRED : E_UNAUTHENTICATED;
		return;
	}
	if (!(rt->roles & ROLE_BIT(r->actor.role))) {
		r->pending = E_FORBIDDEN;
		return;
	}
	if (r->actor.must_change_password && !(rt->flags & R_PRE_PASSWORD)) {
		r->pending = E_MUST_CHANGE_PASSWORD;
		return;
	}
	/* Outside the scope looks the same as absent: ids of other clubs reveal nothing. */
	if (rt->scope_param && !scope_covers(r->db, &r->actor, req_param(r, rt->scope_param)))
		r->pending = E_NOT_FOUND;
}

static int is_safe_method(const char *m)
{
	return strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0;
}

HandlerResult gate_run(Req *r)
{
	/* Requests carried by the session cookie must prove they come from our own pages. */
	if (!is_safe_method(r->method) && r->authed && r->actor.session_id && !(r->route->flags & R_NO_CSRF)) {
		const char *t = req_header(r, "X-CSRF-Token");
		if (!t)
			t = req_form(r, "_csrf");
		size_t n = strlen(r->actor.csrf);
		if (!t || strlen(t) != n || sodium_memcmp(t, r->actor.csrf, n) != 0)
			return resp_error(r, E_CSRF, NULL, NULL);
	}
	return r->route->handler(r);
}
