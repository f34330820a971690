/* The page handlers (HTML), one file per page family; rows of the route table point here. */
#ifndef ISHC_WEB_PAGES_H
#define ISHC_WEB_PAGES_H

#include "http/req.h"

/* web/login.c */
HandlerResult web_login_form(Req *r);
HandlerResult web_login(Req *r);
HandlerResult web_logout(Req *r);
HandlerResult web_password_form(Req *r);
HandlerResult web_password(Req *r);
HandlerResult web_lang(Req *r);

/* web/home.c */
HandlerResult web_home(Req *r);

/* web/users.c */
HandlerResult web_users(Req *r);
HandlerResult web_user_new(Req *r);
HandlerResult web_user_create(Req *r);
HandlerResult web_user_show(Req *r);
HandlerResult web_user_update(Req *r);
HandlerResult web_user_disable(Req *r);
HandlerResult web_user_enable(Req *r);
HandlerResult web_user_password(Req *r);

/* web/tokens.c */
HandlerResult web_tokens(Req *r);
HandlerResult web_token_create(Req *r);
HandlerResult web_token_revoke(Req *r);

/* web/units.c */
HandlerResult web_units(Req *r);
HandlerResult web_unit_show(Req *r);

/* web/clubs.c */
HandlerResult web_clubs(Req *r);
HandlerResult web_club_new(Req *r);
HandlerResult web_club_create(Req *r);
HandlerResult web_club_show(Req *r);
HandlerResult web_club_update(Req *r);
HandlerResult web_composition(Req *r);
/* (board and volunteer forms answer with the club page on a mistake, so they live here) */
HandlerResult web_board_assign(Req *r);
HandlerResult web_board_end(Req *r);
HandlerResult web_volunteer_add(Req *r);
HandlerResult web_volunteer_end(Req *r);
HandlerResult web_volunteer_visit(Req *r);

/* web/members.c */
HandlerResult web_members(Req *r);
HandlerResult web_club_members(Req *r);
HandlerResult web_member_new(Req *r);
HandlerResult web_member_create(Req *r);
HandlerResult web_member_show(Req *r);
HandlerResult web_member_update(Req *r);

/* web/book.c */
HandlerResult web_member_book(Req *r);

/* web/import.c */
HandlerResult web_import_form(Req *r);
HandlerResult web_import_upload(Req *r);
HandlerResult web_import_show(Req *r);
HandlerResult web_import_commit(Req *r);
HandlerResult web_import_problems(Req *r);
HandlerResult web_import_template(Req *r);

/* web/export.c */
HandlerResult web_export(Req *r);

/* web/bigexport.c */
HandlerResult web_export_report_values_csv(Req *r);
HandlerResult web_export_report_values_xlsx(Req *r);
HandlerResult api_export(Req *r);

/* web/tables.c */
HandlerResult web_tables(Req *r);

/* web/indicators.c */
HandlerResult web_indicators(Req *r);
HandlerResult web_indicator_new(Req *r);
HandlerResult web_indicator_create(Req *r);
HandlerResult web_indicator_show(Req *r);
HandlerResult web_indicator_reword(Req *r);
HandlerResult web_indicator_retire(Req *r);

/* web/reports.c */
HandlerResult web_club_reports(Req *r);
HandlerResult web_club_report(Req *r);
HandlerResult web_club_report_save(Req *r);
HandlerResult web_club_report_approve(Req *r);
HandlerResult web_club_report_return(Req *r);
HandlerResult web_club_report_reopen(Req *r);
HandlerResult web_unit_reports(Req *r);
HandlerResult web_unit_grid(Req *r);
HandlerResult web_unit_grid_save(Req *r);

/* web/settings.c */
HandlerResult web_settings(Req *r);
HandlerResult web_settings_save(Req *r);
/* web/totals.c */
HandlerResult web_totals_overview(Req *r);
HandlerResult web_totals_trend(Req *r);
HandlerResult web_totals_rate(Req *r);

/* web/funds.c */
HandlerResult web_club_funds(Req *r);
HandlerResult web_fund_open_form(Req *r);
HandlerResult web_fund_open(Req *r);
HandlerResult web_fund_entry_new(Req *r);
HandlerResult web_fund_entry_create(Req *r);
HandlerResult web_fund_transfer_form(Req *r);
HandlerResult web_fund_transfer(Req *r);
HandlerResult web_fund_book(Req *r);
HandlerResult web_fund_entry_show(Req *r);
HandlerResult web_fund_entry_reverse(Req *r);
HandlerResult web_fund_entry_print(Req *r);
HandlerResult web_unit_funds(Req *r);
HandlerResult web_funds(Req *r);
/* web/dashboard.c */
HandlerResult web_dashboard(Req *r);

/* web/loans.c */
HandlerResult web_loan_new(Req *r);
HandlerResult web_loan_create(Req *r);
HandlerResult web_loan_show(Req *r);
HandlerResult web_loan_repay(Req *r);
HandlerResult web_loan_write_off(Req *r);
HandlerResult web_loan_card(Req *r);
HandlerResult web_loan_agreement(Req *r);
/* web/programmes.c */
HandlerResult web_programmes(Req *r);
HandlerResult web_programme_show(Req *r);
HandlerResult web_programme_update(Req *r);
HandlerResult web_target_set(Req *r);
HandlerResult web_plans(Req *r);
HandlerResult web_plans_xlsx(Req *r);
HandlerResult web_plan_show(Req *r);
HandlerResult web_plan_save(Req *r);
struct ImportResult;
/* The plans import's words and preview rows, for web/import.c. */
void web_plan_import_help(Req *r, Buf *b);
void web_plan_import_rows(Req *r, Buf *b, const struct ImportResult *res, size_t max);
/* web/work_import.c: the trainings and visits imports' words, preview rows and templates. */
void web_work_import_help(Req *r, Buf *b, int kind);
void web_work_import_rows(Req *r, Buf *b, const struct ImportResult *res, size_t max);
HandlerResult web_import_trainings_template(Req *r);
HandlerResult web_import_visits_template(Req *r);

/* web/resources.c */
HandlerResult web_resources(Req *r);
HandlerResult web_resources_xlsx(Req *r);
HandlerResult web_resource_new(Req *r);
HandlerResult web_resource_create(Req *r);
HandlerResult web_resource_show(Req *r);
HandlerResult web_resource_update(Req *r);
HandlerResult web_donor_projects(Req *r);
HandlerResult web_donor_project_new(Req *r);
HandlerResult web_donor_project_create(Req *r);
HandlerResult web_donor_project_show(Req *r);
HandlerResult web_donor_project_update(Req *r);

/* web/audit.c */
HandlerResult web_audit(Req *r);
HandlerResult web_audit_csv(Req *r);

/* web/work.c: trainings, materials, visits and follow-ups */
HandlerResult web_trainings(Req *r);
HandlerResult web_training_create(Req *r);
HandlerResult web_training_show(Req *r);
HandlerResult web_training_participant_add(Req *r);
HandlerResult web_trainings_xlsx(Req *r);
HandlerResult web_materials(Req *r);
HandlerResult web_material_create(Req *r);
HandlerResult web_material_share(Req *r);

/* web/guidance.c */
HandlerResult web_guidance(Req *r);
HandlerResult web_guidance_new(Req *r);
HandlerResult web_guidance_create(Req *r);
HandlerResult web_guidance_show(Req *r);
HandlerResult web_guidance_update(Req *r);
HandlerResult web_visits(Req *r);
HandlerResult web_visit_new(Req *r);
HandlerResult web_visit_create(Req *r);
HandlerResult web_visit_show(Req *r);
HandlerResult web_followup_add(Req *r);
HandlerResult web_followup_update(Req *r);
HandlerResult web_followups_overdue(Req *r);
HandlerResult web_visits_xlsx(Req *r);

/* web/recognition.c: assessments, ranking, commendations, stories */
HandlerResult web_assessments(Req *r);
HandlerResult web_assessment_show(Req *r);
HandlerResult web_assessment_save(Req *r);
HandlerResult web_ranking(Req *r);
HandlerResult web_ranking_page(Req *r, int status, const Err *e);
HandlerResult web_ranking_weights(Req *r);
HandlerResult web_commendations(Req *r);
/* The annual review (web/reviews.c) */
HandlerResult web_reviews(Req *r);
HandlerResult web_reviews_open(Req *r);
HandlerResult web_review_show(Req *r);
HandlerResult web_review_docx(Req *r);
HandlerResult web_review_tasks_form(Req *r);
HandlerResult web_review_tasks_save(Req *r);
HandlerResult web_review_template(Req *r);
HandlerResult web_review_template_docx(Req *r);
HandlerResult web_review_template_upload(Req *r);
HandlerResult web_review_template_delete(Req *r);
HandlerResult web_commendation_create(Req *r);
HandlerResult web_stories(Req *r);
HandlerResult web_story_create(Req *r);
HandlerResult web_story_show(Req *r);
HandlerResult web_story_update(Req *r);
HandlerResult web_story_publish(Req *r);
HandlerResult web_story_photo_add(Req *r);
HandlerResult web_story_photo(Req *r);
HandlerResult web_public_story(Req *r);
HandlerResult web_public_story_photo(Req *r);

#endif
