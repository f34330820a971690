/* PLACEHOLDER: the XLSX writer replaces this file. */
#ifndef ISHC_OUT_XLSX_H
#define ISHC_OUT_XLSX_H
#endif
