/* The error catalogue (see err.h). One row per code; a unit test checks every row is complete. */
#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "store/db.h"

typedef struct ErrInfo {
	const char *name;
	int status;
	const char *vi;
	const char *en;
} ErrInfo;

static const ErrInfo catalogue[E_COUNT_] = {
	[E_NONE] = {"ok", 200, "Thành công.", "Success."},
	[E_BAD_REQUEST] = {"bad_request", 400, "Yêu cầu không hợp lệ.", "The request is not valid."},
	[E_BAD_UTF8] = {"bad_utf8", 400, "Dữ liệu gửi lên có ký tự không hợp lệ (không phải UTF-8).",
			"The data sent contains invalid characters (not UTF-8)."},
	[E_BAD_JSON] = {"bad_json", 400, "Dữ liệu JSON không hợp lệ.", "The JSON body is not valid."},
	[E_TOO_LARGE] = {"too_large", 413, "Dữ liệu gửi lên quá lớn.", "The request body is too large."},
	[E_NOT_FOUND] = {"not_found", 404, "Không tìm thấy trang hoặc bản ghi này.",
			 "This page or record was not found."},
	[E_METHOD] = {"method_not_allowed", 405, "Phương thức không được hỗ trợ cho địa chỉ này.",
		      "This method is not allowed here."},
	[E_UNAUTHENTICATED] = {"unauthenticated", 401, "Vui lòng đăng nhập.", "Please log in."},
	[E_SESSION_EXPIRED] = {"session_expired", 401, "Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.",
			       "Your session has expired. Please log in again."},
	[E_FORBIDDEN] = {"forbidden", 403, "Bạn không có quyền truy cập mục này.",
			 "You do not have access to this."},
	[E_MUST_CHANGE_PASSWORD] = {"must_change_password", 403, "Bạn cần đổi mật khẩu trước khi tiếp tục.",
				     "You need to change your password before going on."},
	[E_CSRF] = {"csrf", 403, "Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và thử lại.",
		    "The form has expired or is not valid. Reload the page and try again."},
	[E_LOGIN_FAILED] = {"login_failed", 401, "Tên đăng nhập hoặc mật khẩu không đúng.",
			    "Wrong username or password."},
	[E_THROTTLED] = {"throttled", 429, "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.",
			 "Too many failed log-ins. Try again in 15 minutes."},
	[E_REQUIRED] = {"required", 422, "Vui lòng nhập thông tin này.", "This field is required."},
	[E_INVALID] = {"invalid", 422, "Giá trị không hợp lệ.", "This value is not valid."},
	[E_TOO_LONG] = {"too_long", 422, "Nội dung quá dài.", "This value is too long."},
	[E_USERNAME_INVALID] = {"username_invalid", 422,
				"Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch dưới, gạch ngang (3–40 ký tự).",
				"A username has 3–40 letters without accents, digits, dots, underscores or hyphens."},
	[E_USERNAME_TAKEN] = {"username_taken", 409, "Tên đăng nhập này đã có người dùng.",
			      "This username is already taken."},
	[E_PASSWORD_SHORT] = {"password_short", 422, "Mật khẩu phải có ít nhất 8 ký tự.",
			      "A password needs at least 8 characters."},
	[E_PASSWORD_MISMATCH] = {"password_mismatch", 422, "Hai lần nhập mật khẩu mới không giống nhau.",
				 "The two new passwords do not match."},
	[E_PASSWORD_WRONG] = {"password_wrong", 422, "Mật khẩu hiện tại không đúng.",
			      "The current password is wrong."},
	[E_ROLE_INVALID] = {"role_invalid", 422, "Vai trò không hợp lệ.", "This role does not exist."},
	[E_SCOPE_REQUIRED] = {"scope_required", 422, "Vai trò này cần một phạm vi (mã đơn vị hoặc CLB).",
			      "This role needs a scope (a unit or club code)."},
	[E_SCOPE_INVALID] = {"scope_invalid", 422, "Phạm vi không hợp lệ hoặc nằm ngoài phạm vi của bạn.",
			     "This scope is not valid or lies outside your own."},
	[E_SELF_DISABLE] = {"self_disable", 422, "Bạn không thể tự khóa tài khoản của mình.",
			    "You cannot disable your own account."},
	[E_DUPLICATE_PERSON] = {"duplicate_person", 409,
				"Người này (cùng họ tên và năm sinh) đã là thành viên một CLB trong xã. Kiểm tra lại, hoặc xác nhận để vẫn tạo.",
				"This person (same name and birth year) is already a member of a club in the commune. Check, or confirm to create anyway."},
	[E_DATE] = {"date", 422, "Ngày không hợp lệ: nhập theo dạng ngày/tháng/năm, ví dụ 05/03/2026.",
		    "Not a valid date: write it as day/month/year, e.g. 05/03/2026."},
	[E_YEAR] = {"year", 422, "Năm sinh không hợp lệ: nhập năm (ví dụ 1956) hoặc ngày sinh; người từ 1900 đến nay.",
		    "Not a valid birth year: a year such as 1956 or a date, from 1900 to today."},
	[E_OUT_OF_SCOPE] = {"out_of_scope", 403, "Đơn vị này nằm ngoài phạm vi của bạn.",
			    "This unit lies outside your scope."},
	[E_CLUB_NOT_ACTIVE] = {"club_not_active", 422, "CLB đã giải thể: không thể thêm thành viên.",
			       "The club is dissolved: members cannot be added."},
	[E_BUSY] = {"busy", 503, "Hệ thống đang bận. Vui lòng thử lại sau ít phút; dữ liệu chưa được lưu.",
		    "The system is busy. Try again in a moment; nothing was saved."},
	[E_DISK_FULL] = {"disk_full", 507, "Máy chủ hết dung lượng lưu trữ; dữ liệu chưa được lưu. Hãy báo quản trị viên.",
			 "The server's disk is full; nothing was saved. Tell the administrator."},
	[E_INTERNAL] = {"internal", 500, "Lỗi hệ thống; dữ liệu chưa được lưu. Hãy báo quản trị viên.",
			"Internal error; nothing was saved. Tell the administrator."},
	[E_PERIOD] = {"period", 422, "Tháng báo cáo không hợp lệ.", "The report month is not valid."},
	[E_REPORT_CHECK] = {"report_check", 422, "Báo cáo có số liệu chưa hợp lệ; chưa lưu gì.",
			    "Some values of the report are not valid; nothing was saved."},
	[E_REPORT_LOCKED] = {"report_locked", 409, "Báo cáo tháng này đã nộp hoặc đã duyệt, không sửa được nữa.",
			     "This month's report has been submitted or approved and can no longer be changed."},
	[E_REPORT_WARN] = {"report_warn", 422, "Có số liệu khác thường so với tháng trước; xin kiểm tra lại và xác nhận.",
			   "Some values are unusual against last month; check them and confirm."},
	[E_REPORT_STATE] = {"report_state", 409, "Báo cáo không ở trạng thái cho phép việc này.",
			    "The report is not in a state that allows this."},
	[E_AMOUNT] = {"amount", 422, "Số tiền phải là số đồng lớn hơn 0, ví dụ 500.000.",
		      "The amount must be a whole number of đồng above 0, e.g. 500,000."},
	[E_FUND_NOT_OPEN] = {"fund_not_open", 409, "Sổ quỹ của CLB chưa mở: hãy nhập số dư đầu kỳ trước.",
			     "The club's fund book is not open yet: enter the opening balances first."},
	[E_FUND_OPEN] = {"fund_open", 409,
			 "Sổ quỹ đã mở; số dư đầu kỳ chỉ nhập một lần. Nếu có sai sót, hãy ghi bút toán đảo.",
			 "The fund book is already open; opening balances are entered once. Correct a mistake with a reversing entry."},
	[E_FUND_SHORT] = {"fund_short", 422, "Quỹ không đủ tiền: khoản này làm số dư xuống dưới 0.",
			  "The fund has not enough money: this would take its balance below zero."},
	[E_ENTRY_KIND] = {"entry_kind", 422, "Loại phiếu không hợp lệ cho quỹ này.",
			  "This kind of entry is not valid for this fund."},
	[E_NOT_MEMBER] = {"not_member", 422,
			  "Người này không phải thành viên của CLB vào ngày đó: chỉ thành viên mới được vay; hãy kết nạp trước.",
			  "This person is not a member of the club on that day: only members may borrow; add them to the member book first."},
	[E_MONTH_LOCKED] = {"month_locked", 409,
			    "Báo cáo tháng này đã nộp hoặc đã duyệt nên sổ đã khoá: hãy ghi vào ngày của tháng chưa khoá, hoặc nhờ cấp trên trả lại / mở lại báo cáo.",
			    "This month's report is submitted or approved, so its books are locked: date the entry in an open month, or ask the level above to return or reopen the report."},
	[E_REVERSED] = {"reversed", 409, "Phiếu này đã được đảo hoặc là phiếu đảo; không đảo được nữa.",
			"This entry has already been reversed, or is itself a reversal; it cannot be reversed again."},
	[E_OVERPAY] = {"overpay", 422, "Số tiền trả nhiều hơn số còn nợ (lãi đến hạn và gốc còn lại).",
		       "The payment is more than is owed (interest due and principal left)."},
	[E_LOAN_STATE] = {"loan_state", 409, "Khoản vay đã trả hết hoặc đã xoá nợ; không ghi thêm được.",
			  "The loan is repaid or written off; nothing more can be recorded on it."},
	[E_DATE_ORDER] = {"date_order", 422, "Ngày không hợp lệ ở đây.", "The date is not valid here."},
	[E_CONFIRMER] = {"confirmer", 422,
			 "Việc xoá nợ cần một thành viên Ban chủ nhiệm thứ hai xác nhận: chọn một người trong Ban chủ nhiệm.",
			 "A write-off needs a second board member's confirmation: choose someone on the board."},
	[E_PROGRAMME_YEAR] = {"programme_year", 422, "Năm phải nằm trong giai đoạn của Đề án (hoặc để trống: cả giai đoạn).",
			      "The year must lie within the programme's period (or be left empty: the whole period)."},
	[E_NOT_PROVINCE] = {"not_province", 422, "Đây không phải mã một tỉnh/thành phố trong giai đoạn của Đề án.",
			    "This is not the code of a province of the programme's period."},
	[E_REASON_REQUIRED] = {"reason_required", 422, "Điều chỉnh chỉ tiêu cần ghi lý do.",
			       "Revising a target needs a reason."},
	[E_DATE_RANGE] = {"date_range", 422, "Ngày kết thúc không được trước ngày bắt đầu.",
			  "The end date cannot be before the start date."},
	[E_PHOTO] = {"photo", 422, "Ảnh phải là tệp JPEG hoặc PNG, tối đa 3 MB, tối đa 6 ảnh một bài.",
		     "A photo must be a JPEG or PNG file of at most 3 MB, at most 6 photos a story."},
	[E_WORK_YEAR] = {"work_year", 422, "Năm không hợp lệ: nhập năm từ 2000 đến năm sau, ví dụ 2021.",
			 "Not a valid year: a year from 2000 to next year, e.g. 2021."},
	[E_TEMPLATE] = {"template", 422,
			"Mẫu báo cáo phải là tệp Word .docx (tối đa 5 MB) có word/document.xml và chỗ điền {{body}}.",
			"The report template must be a Word .docx file (at most 5 MB) with word/document.xml and a {{body}} placeholder."},
	[E_DOC_DUPLICATE] = {"doc_duplicate", 422,
			    "Văn bản số này của cùng đơn vị trong cùng năm đã được ghi nhận; kiểm tra lại số văn bản.",
			    "A document with this number from the same unit in the same year is already recorded; check the number."},
	[E_DOC_FUTURE] = {"doc_future", 422, "Ngày ban hành không được sau ngày hôm nay.",
			  "The date of issue cannot be after today."},
};

int err_set(Err *e, ErrCode code, const char *field)
{
	e->code = code;
	e->field = field;
	e->detail[0] = '\0';
	return -1;
}

int err_setf(Err *e, ErrCode code, const char *field, const char *fmt, ...)
{
	err_set(e, code, field);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->detail, sizeof e->detail, fmt, ap);
	va_end(ap);
	return -1;
}

static const ErrInfo *err_info(ErrCode code)
{
	if ((unsigned)code >= E_COUNT_ || !catalogue[code].name)
		code = E_INTERNAL;
	return &catalogue[code];
}

const char *err_code_name(ErrCode code)
{
	return err_info(code)->name;
}

int err_http_status(ErrCode code)
{
	return err_info(code)->status;
}

const char *err_message(ErrCode code, const char *lang)
{
	const ErrInfo *i = err_info(code);
	return lang && strcmp(lang, "en") == 0 ? i->en : i->vi;
}

ErrCode err_from_db(int status)
{
	if (status < 0)
		status = -status;
	switch (status) {
	case DB_BUSY:
		return E_BUSY;
	case DB_FULL:
		return E_DISK_FULL;
	default:
		return E_INTERNAL;
	}
}
