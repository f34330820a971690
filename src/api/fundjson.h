/* Helpers shared by api/funds.c and api/loans.c: reading JSON bodies whose fields core takes as
 * typed text (amounts, dates, ids), and the OpenAPI shapes of their routes. */
#ifndef ISHC_API_FUNDJSON_H
#define ISHC_API_FUNDJSON_H

#include <jansson.h>

#include "http/req.h"

/* Every key of the body is in known (NULL-terminated) and holds a string, an integer, a boolean or
 * null: else answers 422 naming the field, and returns -1. */
int fj_check(Req *r, const char *const *known);

/* A field as the text core parses: NULL absent, "" null, an integer printed, true/false "1"/"0"
 * (in the request arena). */
const char *fj_text(Req *r, const char *name);

/* The club id of the path ({id}); 0 when it is not a number. */
int64_t fj_club(const Req *r);

/* A path or query kind: "income" or "activity"; NULL for anything else. */
const char *fj_fund_kind(const char *s);

/* A JSON id: null when 0. */
json_t *fj_id(int64_t id);
/* A JSON text: null when empty. */
json_t *fj_str(const char *s);

/* The request and answer shapes of the fund and loan routes, for the OpenAPI document
 * (api/fund_schemas.c): 1 when (method, path) is one of them, with *request and *response new
 * references to JSON Schema objects (*request NULL for a GET) and *status the success status
 * (200 or 201); 0 otherwise. */
int api_fund_schema(const char *method, const char *path, json_t **request, json_t **response, int *status);
/* The schemas they refer to (#/components/schemas/...), as one object: a new reference. */
json_t *api_fund_components(void);

#endif
