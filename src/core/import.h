/* PLACEHOLDER: the import module (members and clubs from .xlsx/.csv) replaces this file. */
#ifndef ISHC_CORE_IMPORT_H
#define ISHC_CORE_IMPORT_H
#endif
