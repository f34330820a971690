/* The OpenAPI document, for the API and for the test that compares it with the route table. */
#ifndef ISHC_API_OPENAPI_H
#define ISHC_API_OPENAPI_H

#include <jansson.h>

/* A new reference to the whole document. */
json_t *openapi_build(void);

#endif
