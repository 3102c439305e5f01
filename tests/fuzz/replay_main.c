/*
** replay_main.c — a main() for the fuzz targets built without libFuzzer:
** feeds every file named on the command line (directories: every file in
** them, not recursive) to LLVMFuzzerTestOneInput once, so `make test` can
** replay the seed corpus and the saved crashers under ASan+UBSan with any
** compiler. Prints "replayed N files".
*/
#include "fuzz.h"

#include <dirent.h>
#include <string.h>
#include <sys/stat.h>

static int replay_file(const char *zPath) {
  FILE *f = fopen(zPath, "rb");
  if (!f) { perror(zPath); return 1; }
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  uint8_t *a = malloc(n > 0 ? (size_t)n : 1);
  size_t nRead = a ? fread(a, 1, (size_t)n, f) : 0;
  fclose(f);
  if (!a || nRead != (size_t)n) { free(a); fprintf(stderr, "%s: read error\n", zPath); return 1; }
  fprintf(stderr, "replay %s\n", zPath);
  LLVMFuzzerTestOneInput(a, (size_t)n);
  free(a);
  return 0;
}

int main(int argc, char **argv) {
  int nFile = 0, nErr = 0;
  for (int i = 1; i < argc; i++) {
    struct stat st;
    if (stat(argv[i], &st) != 0) { perror(argv[i]); nErr++; continue; }
    if (!S_ISDIR(st.st_mode)) { nErr += replay_file(argv[i]); nFile++; continue; }
    DIR *d = opendir(argv[i]);
    if (!d) { perror(argv[i]); nErr++; continue; }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
      if (e->d_name[0] == '.') continue;
      size_t n = strlen(argv[i]) + strlen(e->d_name) + 2;
      char *z = malloc(n);
      if (!z) return 1;
      snprintf(z, n, "%s/%s", argv[i], e->d_name);
      if (stat(z, &st) == 0 && S_ISREG(st.st_mode)) { nErr += replay_file(z); nFile++; }
      free(z);
    }
    closedir(d);
  }
  printf("replayed %d files\n", nFile);
  return nErr ? 1 : 0;
}
