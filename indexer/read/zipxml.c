/*
** zipxml.c — a zipped XML document's parts read safely (zipxml.h): libzip
** from memory, a part read under ZIPXML_MAX_PART, libxml2 parsing that
** refuses a DTD or entity declarations, and the element and attribute
** lookups every walk needs. Shared by the DOCX and ODT renderers. Not for
** rendering.
*/
#include "zipxml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "vp_common.h"

int zipxml_open(const char *z, size_t n, const char *zFormat, zip_t **pza, char **pzErr) {
  *pza = NULL;
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(z, n, 0, &ze);
  if (src == NULL) {
    zip_error_fini(&ze);
    return VP_ENOMEM;
  }
  zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
  if (za == NULL) {
    *pzErr = vp_mprintf("damaged %s: not a readable zip (%s)", zFormat, zip_error_strerror(&ze));
    zip_source_free(src);
    zip_error_fini(&ze);
    return VP_EINPUT;
  }
  zip_error_fini(&ze);
  *pza = za; /* zip_discard frees src too */
  return VP_OK;
}

int zipxml_part(zip_t *za, const char *zName, const char *zFormat, char **pz, size_t *pn,
                char **pzErr) {
  *pz = NULL;
  *pn = 0;
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(za, zName, 0, &st) != 0) return VP_ENOTFOUND;
  if ((st.valid & ZIP_STAT_SIZE) && st.size > ZIPXML_MAX_PART) {
    *pzErr = vp_mprintf("%s %s is %llu bytes uncompressed, over the %llu MB limit", zFormat, zName,
                        (unsigned long long)st.size, (unsigned long long)(ZIPXML_MAX_PART >> 20));
    return VP_EINPUT;
  }
  zip_file_t *zf = zip_fopen(za, zName, 0);
  if (zf == NULL) {
    *pzErr = vp_mprintf("damaged %s: cannot open %s (%s)", zFormat, zName, zip_strerror(za));
    return VP_EINPUT;
  }
  size_t nAlloc = (st.valid & ZIP_STAT_SIZE) ? (size_t)st.size + 1 : 65536;
  char *z = malloc(nAlloc);
  size_t n = 0;
  int rc = z ? VP_OK : VP_ENOMEM;
  while (rc == VP_OK) {
    if (n + 1 >= nAlloc) {
      /* more than stated: grow, but never past the limit */
      size_t nNew = nAlloc * 2;
      if (nNew > ZIPXML_MAX_PART + 2) nNew = ZIPXML_MAX_PART + 2;
      char *zNew = nNew > nAlloc ? realloc(z, nNew) : NULL;
      if (zNew == NULL) {
        rc = nNew > nAlloc ? VP_ENOMEM : VP_EINPUT;
        break;
      }
      z = zNew;
      nAlloc = nNew;
    }
    zip_int64_t k = zip_fread(zf, z + n, nAlloc - 1 - n);
    if (k < 0) {
      *pzErr = vp_mprintf("damaged %s: cannot read %s (%s)", zFormat, zName, zip_file_strerror(zf));
      rc = VP_EINPUT;
    } else if (k == 0) {
      break;
    } else {
      n += (size_t)k;
      if (n > ZIPXML_MAX_PART) rc = VP_EINPUT;
    }
  }
  zip_fclose(zf);
  if (rc == VP_EINPUT && *pzErr == NULL)
    *pzErr = vp_mprintf("%s %s is over the %llu MB limit uncompressed", zFormat, zName,
                        (unsigned long long)(ZIPXML_MAX_PART >> 20));
  if (rc != VP_OK) {
    free(z);
    return rc;
  }
  z[n] = 0;
  *pz = z;
  *pn = n;
  return VP_OK;
}

typedef struct dtd_guard {
  xmlParserCtxtPtr ctxt;
  int bDtd;
} dtd_guard;

static void on_internal_subset(void *ctx, const xmlChar *zName, const xmlChar *zExt,
                               const xmlChar *zSys) {
  (void)zName, (void)zExt, (void)zSys;
  xmlParserCtxtPtr ctxt = ctx;
  if (ctxt->_private) ((dtd_guard *)ctxt->_private)->bDtd = 1;
  xmlStopParser(ctxt);
}

static void on_entity_decl(void *ctx, const xmlChar *zName, int eType, const xmlChar *zPub,
                           const xmlChar *zSys, xmlChar *zContent) {
  (void)zName, (void)eType, (void)zPub, (void)zSys, (void)zContent;
  xmlParserCtxtPtr ctxt = ctx;
  if (ctxt->_private) ((dtd_guard *)ctxt->_private)->bDtd = 1;
  xmlStopParser(ctxt);
}

int zipxml_parse(const char *zFormat, const char *zName, const char *z, size_t n, xmlDocPtr *ppDoc,
                 char **pzErr) {
  *ppDoc = NULL;
  if (n > (size_t)0x7fffffff) {
    *pzErr = vp_mprintf("%s %s is too large", zFormat, zName);
    return VP_EINPUT;
  }
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (ctxt == NULL) return VP_ENOMEM;
  ctxt->sax->internalSubset = on_internal_subset;
  ctxt->sax->externalSubset = on_internal_subset;
  ctxt->sax->entityDecl = on_entity_decl;
  dtd_guard g = {ctxt, 0};
  ctxt->_private = &g; /* the handlers' flag, per parse: thread-safe */
  xmlDocPtr doc = xmlCtxtReadMemory(ctxt, z, (int)n, zName, NULL,
                                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  int bOk = doc != NULL && ctxt->wellFormed && !g.bDtd && doc->intSubset == NULL &&
            doc->extSubset == NULL;
  int iLine = ctxt->input ? ctxt->input->line : 0;
  xmlFreeParserCtxt(ctxt);
  if (!bOk) {
    if (doc) xmlFreeDoc(doc);
    *pzErr = g.bDtd ? vp_mprintf("%s %s declares a DTD or entities (refused)", zFormat, zName)
                    : vp_mprintf("%s %s is not well-formed XML (near line %d)", zFormat, zName, iLine);
    return VP_EINPUT;
  }
  *ppDoc = doc;
  return VP_OK;
}

int zipxml_is(xmlNodePtr p, const char *zName) {
  return p && p->type == XML_ELEMENT_NODE && strcmp((const char *)p->name, zName) == 0;
}

xmlNodePtr zipxml_child(xmlNodePtr p, const char *zName) {
  for (xmlNodePtr c = p ? p->children : NULL; c; c = c->next)
    if (zipxml_is(c, zName)) return c;
  return NULL;
}

int zipxml_attr(xmlNodePtr p, const char *zName, char *z, size_t n) {
  if (n) z[0] = '\0';
  xmlChar *v = p ? xmlGetProp(p, (const xmlChar *)zName) : NULL;
  if (v == NULL) return 0;
  if (n) snprintf(z, n, "%s", (const char *)v);
  xmlFree(v);
  return 1;
}

int zipxml_attr_int(xmlNodePtr p, const char *zName, int iDefault) {
  char z[24];
  if (!zipxml_attr(p, zName, z, sizeof z) || z[0] == '\0') return iDefault;
  long v = strtol(z, NULL, 10);
  return v < -1000000 ? -1000000 : v > 1000000 ? 1000000 : (int)v;
}
