/*
** zipxml.h — private to indexer/read/: the parts of a zipped XML document
** (DOCX, ODT) read safely: the zip opened from memory with libzip, a part
** read whole under a size limit (by its stated size and by the bytes
** actually read: a zip bomb), and a part parsed with libxml2 with no
** network, no DTD and no entity substitution (a document declaring a DTD
** or entities is refused: "billion laughs"). Messages name the format
** ("damaged DOCX: …", "ODT content.xml is not well-formed XML …"); and
** the few steps every walk of such a tree takes (an element by local name,
** a child, an attribute). Not for rendering: each format's renderer walks
** the parsed tree itself.
*/
#ifndef ZIPXML_H
#define ZIPXML_H

#include <stddef.h>

#include <libxml/tree.h>
#include <zip.h>

/* The most a part may hold uncompressed. */
#define ZIPXML_MAX_PART ((zip_uint64_t)64 << 20)

/* Open the zip of z[0..n) (kept by the caller until zip_discard). VP_OK
** with *pza; VP_EINPUT "damaged <zFormat>: not a readable zip (…)";
** VP_ENOMEM. */
int zipxml_open(const char *z, size_t n, const char *zFormat, zip_t **pza, char **pzErr);

/* Read part zName whole into a malloc'd NUL-terminated buffer. VP_OK;
** VP_ENOTFOUND when the zip has no such part (no message); VP_EINPUT
** (damaged, over ZIPXML_MAX_PART); VP_ENOMEM. */
int zipxml_part(zip_t *za, const char *zName, const char *zFormat, char **pz, size_t *pn,
                char **pzErr);

/* Parse z[0..n) as part zName. VP_OK with *ppDoc (xmlFreeDoc it);
** VP_EINPUT when it is not well-formed or declares a DTD or entities;
** VP_ENOMEM. */
int zipxml_parse(const char *zFormat, const char *zName, const char *z, size_t n, xmlDocPtr *ppDoc,
                 char **pzErr);

/* Is p an element of local name zName (any namespace)? */
int zipxml_is(xmlNodePtr p, const char *zName);

/* p's first child element of local name zName, or NULL. */
xmlNodePtr zipxml_child(xmlNodePtr p, const char *zName);

/* Attribute zName of p (local name, any namespace) copied into z[0..n),
** NUL-terminated; 0 (and "") when p is NULL or has none. */
int zipxml_attr(xmlNodePtr p, const char *zName, char *z, size_t n);

/* The attribute as a decimal number, clamped to ±1,000,000; iDefault
** when absent or empty. */
int zipxml_attr_int(xmlNodePtr p, const char *zName, int iDefault);

#endif /* ZIPXML_H */
