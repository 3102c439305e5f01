/*
** numfmt.c — a list counter in digits, letters or roman numerals
** (numfmt.h). Not for bullets: the callers write those.
*/
#include "numfmt.h"

#include <stdio.h>
#include <string.h>

void numfmt_value(int v, int eFmt, char *z, size_t n) {
  static const char *aRoman[] = {"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"};
  static const int aVal[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
  if (n == 0) return;
  z[0] = '\0';
  if (eFmt == NUMFMT_LOWER_LETTER || eFmt == NUMFMT_UPPER_LETTER) {
    if (v < 1) v = 1;
    int k = (v - 1) / 26 + 1; /* Word and LibreOffice repeat the letter: aa, bb … */
    if (k > 8) k = 8;
    char ch = (char)((eFmt == NUMFMT_LOWER_LETTER ? 'a' : 'A') + (v - 1) % 26);
    size_t i = 0;
    for (; i < (size_t)k && i + 1 < n; i++) z[i] = ch;
    z[i] = '\0';
  } else if ((eFmt == NUMFMT_LOWER_ROMAN || eFmt == NUMFMT_UPPER_ROMAN) && v > 0 && v < 4000) {
    size_t o = 0;
    for (int i = 0; i < 13; i++) {
      while (v >= aVal[i] && o + strlen(aRoman[i]) + 1 < n) {
        for (const char *r = aRoman[i]; *r; r++)
          z[o++] = eFmt == NUMFMT_UPPER_ROMAN ? (char)(*r - 'a' + 'A') : *r;
        v -= aVal[i];
      }
    }
    z[o] = '\0';
  } else {
    snprintf(z, n, "%d", v);
  }
}
