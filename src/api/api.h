/* The JSON API handlers under /api/v1, one file per resource; rows of the route table point here. */
#ifndef ISHC_API_API_H
#define ISHC_API_API_H

#include "http/req.h"

/* api/body.c: a body whose every key is one of known (a NULL-ended list) holding a string or
 * null, else 422 naming the field and -1; and a field of it: NULL when absent, "" when null. */
int api_body_strings(Req *r, const char *const *known);
const char *api_body_text(const Req *r, const char *name);

/* api/guidance.c */
HandlerResult api_guidance(Req *r);
HandlerResult api_guidance_create(Req *r);
HandlerResult api_guidance_show(Req *r);
HandlerResult api_guidance_update(Req *r);

/* api/auth.c */
HandlerResult api_login(Req *r);
HandlerResult api_logout(Req *r);
HandlerResult api_me(Req *r);
HandlerResult api_tokens(Req *r);
HandlerResult api_token_revoke(Req *r);

/* api/users.c */
HandlerResult api_users(Req *r);
HandlerResult api_user_create(Req *r);
HandlerResult api_user_show(Req *r);

/* api/units.c */
HandlerResult api_units(Req *r);
HandlerResult api_unit_show(Req *r);

/* api/clubs.c */
HandlerResult api_clubs(Req *r);
HandlerResult api_club_create(Req *r);
HandlerResult api_club_show(Req *r);
HandlerResult api_club_update(Req *r);
HandlerResult api_composition(Req *r);

/* api/members.c */
HandlerResult api_club_members(Req *r);
HandlerResult api_club_member_create(Req *r);
HandlerResult api_members(Req *r);
HandlerResult api_member_show(Req *r);
HandlerResult api_member_update(Req *r);
HandlerResult api_club_board(Req *r);
HandlerResult api_club_board_assign(Req *r);
HandlerResult api_club_volunteers(Req *r);
HandlerResult api_club_volunteer_add(Req *r);

/* api/import.c */
HandlerResult api_import_members(Req *r);
HandlerResult api_import_clubs(Req *r);
HandlerResult api_import_reports(Req *r);
HandlerResult api_import_plans(Req *r);
HandlerResult api_import_trainings(Req *r);
HandlerResult api_import_visits(Req *r);

/* api/indicators.c */
HandlerResult api_indicators(Req *r);
HandlerResult api_indicator_show(Req *r);
HandlerResult api_indicator_create(Req *r);
HandlerResult api_indicator_update(Req *r);
HandlerResult api_indicator_retire(Req *r);

/* api/reports.c */
HandlerResult api_club_report(Req *r);
HandlerResult api_club_report_save(Req *r);
HandlerResult api_club_report_submit(Req *r);
HandlerResult api_club_report_approve(Req *r);
HandlerResult api_club_report_return(Req *r);
HandlerResult api_club_report_reopen(Req *r);
HandlerResult api_club_reports(Req *r);
HandlerResult api_unit_reports(Req *r);
HandlerResult api_settings(Req *r);
HandlerResult api_settings_update(Req *r);

/* api/aggregates.c */
HandlerResult api_aggregates(Req *r);

/* api/tables.c */
HandlerResult api_tables(Req *r);
HandlerResult api_aggregate_indicators(Req *r);

/* api/funds.c */
HandlerResult api_club_funds(Req *r);
HandlerResult api_club_funds_open(Req *r);
HandlerResult api_fund_entries(Req *r);
HandlerResult api_fund_entry_add(Req *r);
HandlerResult api_fund_transfer(Req *r);
HandlerResult api_entry_show(Req *r);
HandlerResult api_entry_reverse(Req *r);
HandlerResult api_fund_book(Req *r);
HandlerResult api_fund_figures(Req *r);
/* api/dashboard.c */
HandlerResult api_dashboard(Req *r);

/* api/loans.c */
HandlerResult api_club_loans(Req *r);
HandlerResult api_club_loan_create(Req *r);
HandlerResult api_club_loan_show(Req *r);
HandlerResult api_club_loan_repay(Req *r);
HandlerResult api_club_loan_write_off(Req *r);
HandlerResult api_loan_plan(Req *r);
/* api/programmes.c */
HandlerResult api_programmes(Req *r);
HandlerResult api_programme_show(Req *r);
HandlerResult api_programme_update(Req *r);
HandlerResult api_targets(Req *r);
HandlerResult api_target_set(Req *r);
HandlerResult api_progress(Req *r);
HandlerResult api_plans(Req *r);
HandlerResult api_plan_show(Req *r);
HandlerResult api_plan_save(Req *r);
HandlerResult api_resources(Req *r);
HandlerResult api_resource_create(Req *r);
HandlerResult api_resource_show(Req *r);
HandlerResult api_resource_update(Req *r);
HandlerResult api_donor_projects(Req *r);
HandlerResult api_donor_project_create(Req *r);
HandlerResult api_donor_project_show(Req *r);
HandlerResult api_donor_project_update(Req *r);

/* api/audit.c */
HandlerResult api_audit(Req *r);

/* api/work.c: the programme's work (issue 8) */
HandlerResult api_trainings(Req *r);
HandlerResult api_training_create(Req *r);
HandlerResult api_training_show(Req *r);
HandlerResult api_materials(Req *r);
HandlerResult api_material_create(Req *r);
HandlerResult api_visits(Req *r);
HandlerResult api_visit_show(Req *r);
HandlerResult api_visit_create(Req *r);
HandlerResult api_followup_add(Req *r);
HandlerResult api_followup_update(Req *r);
HandlerResult api_followups_overdue(Req *r);
HandlerResult api_assessment_show(Req *r);
HandlerResult api_assessment_save(Req *r);
HandlerResult api_assessment_counts(Req *r);
HandlerResult api_ranking(Req *r);
HandlerResult api_ranking_weights(Req *r);
HandlerResult api_commendations(Req *r);
HandlerResult api_commendation_create(Req *r);
HandlerResult api_stories(Req *r);

/* api/openapi.c */
HandlerResult api_review(Req *r);
HandlerResult api_openapi(Req *r);

/* Paging of list endpoints: ?page=1&per_page=50 (per_page at most 500). */
typedef struct Page {
	int64_t page, per_page, offset;
} Page;
/* Reads page/per_page; 0, or -1 after answering 422 for a bad value. */
int api_page(Req *r, Page *p);
/* {"items": items, "page", "per_page", "total"} — steals items. */
json_t *api_page_json(const Page *p, json_t *items, int64_t total);

#endif
