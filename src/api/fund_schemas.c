/* The OpenAPI shapes of the fund and loan routes (api/funds.c, api/loans.c): what each request
 * body takes and what each answer holds, as JSON Schema. Written as JSON text parsed by jansson
 * (a description, not data: easier to read and check against the handlers than json_pack). */
#include <string.h>

#include "api/fundjson.h"

#define MONEY "{\"type\": \"integer\", \"description\": \"đồng\"}"
#define MONEY_IN "{\"type\": [\"integer\", \"string\"], \"description\": \"đồng, > 0: 1500000 or \\\"1.500.000\\\"\"}"
#define DATE "{\"type\": \"string\", \"format\": \"date\"}"
#define DATE_IN "{\"type\": \"string\", \"description\": \"ISO (2026-03-05) or dd/mm/yyyy\"}"
#define TEXT "{\"type\": \"string\"}"
#define TEXT_N "{\"type\": [\"string\", \"null\"]}"
#define ID "{\"type\": \"integer\"}"
#define ID_N "{\"type\": [\"integer\", \"null\"]}"
#define ID_IN "{\"type\": [\"integer\", \"string\"]}"
#define REF(name) "{\"$ref\": \"#/components/schemas/" name "\"}"

static const char components[] =
	"{"
	"\"Fund\": {\"type\": \"object\", \"properties\": {\"kind\": {\"enum\": [\"income\", \"activity\"]}, \"label\": " TEXT
	", \"opened\": {\"type\": \"boolean\"}, \"opened_on\": {\"type\": [\"string\", \"null\"], \"format\": \"date\"}, "
	"\"balance\": " MONEY ", \"entries\": {\"type\": \"integer\", \"description\": \"number of the last entry\"}}},"
	"\"FundEntry\": {\"type\": \"object\", \"properties\": {\"id\": " ID ", \"fund_kind\": {\"enum\": [\"income\", \"activity\"]}, "
	"\"no\": {\"type\": \"integer\", \"description\": \"1, 2, ... within the fund, without gaps\"}, "
	"\"voucher\": {\"type\": \"string\", \"description\": \"PT-0012 (phiếu thu) or PC-0013 (phiếu chi)\"}, "
	"\"on_date\": " DATE ", \"kind\": {\"enum\": [\"opening\", \"contribution\", \"grant\", \"donation\", \"repayment\", "
	"\"interest\", \"other_in\", \"disbursement\", \"expense\", \"transfer_in\", \"transfer_out\", \"reversal\"]}, "
	"\"kind_label\": " TEXT ", \"amount\": {\"type\": \"integer\", \"description\": \"đồng, signed: money in > 0, out < 0\"}, "
	"\"category\": " TEXT_N ", \"category_label\": " TEXT_N ", \"party\": " TEXT_N ", \"member_id\": " ID_N
	", \"member_name\": " TEXT_N ", \"loan_id\": " ID_N ", \"reverses\": " ID_N ", \"reversed_by\": " ID_N
	", \"pair_id\": " ID_N ", \"note\": " TEXT_N ", \"handled_by\": " TEXT_N ", \"recorded_by\": " TEXT
	", \"recorded_at\": " TEXT ", \"hash\": {\"type\": \"string\", \"description\": \"SHA-256 chaining the fund's entries\"}, "
	"\"fund_balance\": {\"type\": \"integer\", \"description\": \"the fund's balance now (single entry answers)\"}, "
	"\"running\": {\"type\": \"integer\", \"description\": \"the running balance (fund book)\"}}},"
	"\"LoanRow\": {\"type\": \"object\", \"properties\": {\"id\": " ID ", \"no\": " ID ", \"member_id\": " ID
	", \"member_name\": " TEXT ", \"principal\": " MONEY ", \"outstanding\": " MONEY ", \"disbursed_on\": " DATE
	", \"status\": {\"enum\": [\"active\", \"repaid\", \"written_off\", \"cancelled\"]}, \"arrears_days\": {\"type\": \"integer\"}, "
	"\"next_due_on\": {\"type\": [\"string\", \"null\"], \"format\": \"date\"}}},"
	"\"Instalment\": {\"type\": \"object\", \"properties\": {\"k\": {\"type\": \"integer\"}, \"due_on\": " DATE
	", \"principal\": " MONEY ", \"interest\": {\"type\": \"integer\", \"description\": \"the monthly rate times the "
	"principal outstanding at the start of the month, rounded to the đồng\"}, \"principal_unpaid\": " MONEY
	", \"amount\": {\"type\": \"integer\", \"description\": \"principal + interest\"}}},"
	"\"LoanPayment\": {\"type\": \"object\", \"properties\": {\"id\": " ID ", \"paid_on\": " DATE ", \"principal\": " MONEY
	", \"interest\": " MONEY ", \"amount\": " MONEY ", \"principal_entry\": " ID_N ", \"interest_entry\": " ID_N
	", \"reversed\": {\"type\": \"boolean\"}, \"before_books\": {\"type\": \"boolean\"}, \"recorded_by\": " TEXT "}},"
	"\"Loan\": {\"type\": \"object\", \"properties\": {\"id\": " ID ", \"club_id\": " ID ", \"no\": " ID ", \"member_id\": " ID
	", \"member_name\": " TEXT ", \"principal\": " MONEY ", \"purpose\": " TEXT
	", \"rate_bp\": {\"type\": \"integer\", \"description\": \"basis points a month (50 = 0.5%)\"}, \"term\": {\"type\": \"integer\", \"description\": \"months\"}, "
	"\"schedule\": {\"enum\": [\"equal\", \"end\"]}, \"schedule_label\": " TEXT ", \"disbursed_on\": " DATE
	", \"opening\": {\"type\": \"boolean\"}, \"status\": {\"enum\": [\"active\", \"repaid\", \"written_off\", \"cancelled\"]}, "
	"\"status_label\": " TEXT ", \"principal_paid\": " MONEY ", \"interest_paid\": " MONEY ", \"outstanding\": " MONEY
	", \"written_off\": " MONEY ", \"write_off_reason\": " TEXT_N ", \"write_off_on\": " TEXT_N
	", \"write_off_confirmed_by\": " ID_N ", \"write_off_confirmer\": " TEXT_N ", \"disbursement_entry\": " ID_N
	", \"handled_by\": " TEXT_N ", \"note\": " TEXT_N ", \"created_by\": " TEXT ", \"created_at\": " TEXT
	", \"asof\": " DATE ", \"interest_due\": " MONEY ", \"principal_due\": {\"type\": \"integer\", \"description\": \"principal fallen due and unpaid (in arrears)\"}, "
	"\"arrears_days\": {\"type\": \"integer\", \"description\": \"days since the oldest due date with principal unpaid\"}, "
	"\"next_due_on\": " TEXT_N ", \"next_due_amount\": " MONEY ", \"payoff\": {\"type\": \"integer\", \"description\": \"interest due + outstanding\"}, "
	"\"instalments\": {\"type\": \"array\", \"items\": " REF("Instalment") "}, \"payments\": {\"type\": \"array\", \"items\": " REF("LoanPayment") "}, "
	"\"payment\": {\"type\": \"object\", \"description\": \"the payment just recorded (repayments)\", \"properties\": "
	"{\"id\": " ID ", \"principal\": " MONEY ", \"interest\": " MONEY "}}}},"
	"\"Ratio\": {\"type\": \"object\", \"properties\": {\"bp\": {\"type\": [\"integer\", \"null\"], \"description\": \"basis points; null when the denominator is 0\"}, "
	"\"numerator\": {\"type\": \"integer\"}, \"denominator\": {\"type\": \"integer\"}, \"formula\": " TEXT ", \"target_bp\": {\"type\": \"integer\"}}},"
	"\"FundFigures\": {\"type\": \"object\", \"properties\": {\"code\": " TEXT ", \"name\": " TEXT
	", \"clubs\": {\"type\": \"integer\"}, \"clubs_books\": {\"type\": \"integer\"}, \"clubs_income\": {\"type\": \"integer\"}, "
	"\"clubs_activity\": {\"type\": \"integer\"}, \"clubs_both\": {\"type\": \"integer\"}, \"members_books\": {\"type\": \"integer\"}, \"income_cash\": " MONEY
	", \"activity_cash\": " MONEY ", \"income_fund\": {\"type\": \"integer\", \"description\": \"income cash + outstanding\"}, "
	"\"outstanding\": " MONEY ", \"loans\": {\"type\": \"integer\"}, \"par30\": " MONEY ", \"overdue\": " MONEY
	", \"members\": {\"type\": \"integer\"}, \"borrowers\": {\"type\": \"integer\"}, \"due_12m\": " MONEY ", \"repaid_12m\": " MONEY
	", \"ratios\": {\"type\": \"object\", \"properties\": {\"borrowers\": " REF("Ratio") ", \"clubs_both\": " REF("Ratio")
	", \"par30\": " REF("Ratio") ", \"repayment_rate\": " REF("Ratio") "}}}}"
	"}";

#define OBJ(props) "{\"type\": \"object\", \"additionalProperties\": false, \"properties\": {" props "}}"
#define LIST(item) "{\"type\": \"object\", \"properties\": {\"items\": {\"type\": \"array\", \"items\": " REF(item) "}, \"total\": {\"type\": \"integer\"}, \"page\": {\"type\": \"integer\"}, \"per_page\": {\"type\": \"integer\"}}}"
#define FUNDS "{\"type\": \"object\", \"properties\": {\"club_id\": " ID ", \"income\": " REF("Fund") ", \"activity\": " REF("Fund") \
	", \"loans_outstanding\": {\"type\": \"object\", \"properties\": {\"count\": {\"type\": \"integer\"}, \"outstanding\": " MONEY \
	", \"late\": {\"type\": \"integer\"}, \"par30\": " MONEY ", \"items\": {\"type\": \"array\", \"items\": " REF("LoanRow") "}}}}}"
#define ENTRY_IN OBJ("\"kind\": {\"type\": \"string\", \"description\": \"income fund: contribution, grant, donation, other_in, expense; activity fund: the same\"}, " \
	"\"date\": " DATE_IN ", \"amount\": " MONEY_IN ", \"category\": {\"type\": \"string\", \"description\": \"grants: commune|province|central|project; expenses: a category code\"}, " \
	"\"party\": " TEXT ", \"member\": " ID_IN ", \"handled_by\": {\"type\": \"string\", \"description\": \"who handled the cash (required)\"}, \"note\": " TEXT)

typedef struct Shape {
	const char *method, *path;
	int status;
	const char *request, *response;
} Shape;

static const Shape shapes[] = {
	{"GET", "/api/v1/clubs/{id}/funds", 200, NULL, FUNDS},
	{"POST", "/api/v1/clubs/{id}/funds/open", 201,
	 OBJ("\"date\": " DATE_IN ", \"income\": " MONEY_IN ", \"activity\": " MONEY_IN ", \"handled_by\": " TEXT), FUNDS},
	{"GET", "/api/v1/clubs/{id}/funds/{kind}/entries", 200, NULL, LIST("FundEntry")},
	{"POST", "/api/v1/clubs/{id}/funds/{kind}/entries", 201, ENTRY_IN, REF("FundEntry")},
	{"POST", "/api/v1/clubs/{id}/funds/transfer", 201,
	 OBJ("\"from\": {\"enum\": [\"income\", \"activity\"]}, \"date\": " DATE_IN ", \"amount\": " MONEY_IN
	     ", \"party\": " TEXT ", \"handled_by\": " TEXT ", \"note\": " TEXT),
	 "{\"type\": \"object\", \"properties\": {\"out\": " REF("FundEntry") ", \"in\": " REF("FundEntry")
	 ", \"balances\": {\"type\": \"object\", \"properties\": {\"income\": " MONEY ", \"activity\": " MONEY "}}}}"},
	{"GET", "/api/v1/clubs/{id}/entries/{eid}", 200, NULL, REF("FundEntry")},
	{"POST", "/api/v1/clubs/{id}/entries/{eid}/reverse", 201, OBJ("\"reason\": " TEXT ", \"date\": " DATE_IN),
	 REF("FundEntry")},
	{"GET", "/api/v1/clubs/{id}/funds/{kind}/book", 200, NULL,
	 "{\"type\": \"object\", \"properties\": {\"club_id\": " ID ", \"fund_kind\": " TEXT ", \"label\": " TEXT
	 ", \"from\": " TEXT_N ", \"to\": " TEXT_N ", \"opening\": " MONEY ", \"total_in\": " MONEY ", \"total_out\": " MONEY
	 ", \"closing\": " MONEY ", \"count\": {\"type\": \"integer\"}, \"entries\": {\"type\": \"array\", \"items\": " REF("FundEntry") "}}}"},
	{"GET", "/api/v1/clubs/{id}/loans", 200, NULL,
	 "{\"type\": \"object\", \"properties\": {\"club_id\": " ID ", \"items\": {\"type\": \"array\", \"items\": " REF("LoanRow")
	 "}, \"total\": {\"type\": \"integer\"}}}"},
	{"POST", "/api/v1/clubs/{id}/loans", 201,
	 OBJ("\"member\": " ID_IN ", \"principal\": " MONEY_IN ", \"purpose\": " TEXT
	     ", \"rate\": {\"type\": [\"string\", \"integer\"], \"description\": \"percent a month, decimal comma: \\\"0,5\\\"\"}, "
	     "\"rate_bp\": {\"type\": \"integer\", \"description\": \"or basis points a month: 50\"}, \"term\": {\"type\": [\"integer\", \"string\"], \"description\": \"months, 1..120\"}, "
	     "\"schedule\": {\"enum\": [\"equal\", \"end\"]}, \"disbursed_on\": " DATE_IN ", \"handled_by\": " TEXT ", \"note\": " TEXT
	     ", \"opening\": {\"type\": \"boolean\", \"description\": \"a loan outstanding when the books were opened (no entry)\"}, "
	     "\"outstanding\": " MONEY_IN),
	 REF("Loan")},
	{"GET", "/api/v1/clubs/{id}/loans/{lid}", 200, NULL, REF("Loan")},
	{"POST", "/api/v1/clubs/{id}/loans/{lid}/repayments", 201,
	 OBJ("\"date\": " DATE_IN ", \"amount\": " MONEY_IN ", \"handled_by\": " TEXT ", \"note\": " TEXT), REF("Loan")},
	{"POST", "/api/v1/clubs/{id}/loans/{lid}/write-off", 200,
	 OBJ("\"date\": " DATE_IN ", \"reason\": " TEXT ", \"confirmed_by\": {\"type\": [\"integer\", \"string\"], \"description\": \"member id of a board member of the club\"}"),
	 REF("Loan")},
	{"GET", "/api/v1/loans/plan", 200, NULL,
	 "{\"type\": \"object\", \"properties\": {\"principal\": " MONEY ", \"rate_bp\": {\"type\": \"integer\"}, \"term\": {\"type\": \"integer\"}, "
	 "\"schedule\": " TEXT ", \"disbursed_on\": " DATE ", \"total_interest\": " MONEY ", \"total\": " MONEY
	 ", \"instalments\": {\"type\": \"array\", \"items\": " REF("Instalment") "}}}"},
	{"GET", "/api/v1/funds/figures", 200, NULL,
	 "{\"type\": \"object\", \"properties\": {\"unit\": " TEXT_N ", \"date\": " TEXT_N ", \"figures\": " REF("FundFigures")
	 ", \"children\": {\"type\": \"array\", \"items\": " REF("FundFigures") "}}}"},
	{NULL, NULL, 0, NULL, NULL},
};

int api_fund_schema(const char *method, const char *path, json_t **request, json_t **response, int *status)
{
	for (const Shape *s = shapes; s->method; s++) {
		if (strcmp(s->method, method) != 0 || strcmp(s->path, path) != 0)
			continue;
		*request = s->request ? json_loads(s->request, 0, NULL) : NULL;
		*response = json_loads(s->response, 0, NULL);
		*status = s->status;
		return 1;
	}
	return 0;
}

json_t *api_fund_components(void)
{
	return json_loads(components, 0, NULL);
}
