/*
** test_prepare.c — unit tests of the indexer's preparation step
** (vp_prepare.h): one file read, checked, parsed and extracted; unchanged
** files recognized by their hash; bad files skipped with a reason; the worker
** queue giving files back in order, and freed early without a leak (ASan);
** and the term_fold pairs a document brings (vp_vocab.h).
*/
#include "vp_common.h"
#include "vp_indexer.h"
#include "vp_prepare.h"
#include "vp_test.h"
#include "vp_vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *zPlan =
    "ỦY BAN NHÂN DÂN\nTỈNH BÌNH THUẬN\n\nSố: 12/KH-UBND\n\n"
    "Bình Thuận, ngày 5 tháng 3 năm 2024\n\nKẾ HOẠCH\n"
    "Thực hiện Kết luận số 69-KL/TW của Bộ Chính trị\n\n"
    "1. Sở Tài chính chủ trì, phối hợp với Sở Nội vụ tham mưu bố trí kinh phí.\n"
    "2. Sở Khoa học và Công nghệ hướng dẫn ứng dụng khoa học.\n";

static char zDir[64];

static char *write_file(const char *zName, const char *z, size_t n) {
  char *zPath = vp_mprintf("%s/%s", zDir, zName);
  FILE *f = zPath ? fopen(zPath, "wb") : NULL;
  if (f) {
    fwrite(z, 1, n, f);
    fclose(f);
  }
  return zPath;
}

static void test_one_file(char *zGood, char *zBad, char *zMissing) {
  vp_prepared *p = NULL;
  CHECK("good file prepared", vp_prepare_file(zGood, 1 << 20, NULL, &p) == VP_OK && p);
  if (p == NULL) return;
  CHECK("ready", p->eState == VP_PREP_READY && p->zWhy == NULL);
  CHECK("passages", p->pText && p->pText->nPassage >= 4);
  CHECK("metadata", p->meta.zNumber && strstr(p->meta.zNumber, "12/KH-UBND"));
  CHECK("a citation", p->cites.n >= 1);
  CHECK("tasks", p->tasks.n >= 2);
  CHECK("vocabulary", p->vocab.nPair > 5);
  char zHash[17];
  memcpy(zHash, p->zHash, sizeof(zHash));
  char zWant[17];
  vp_index_hash(zPlan, strlen(zPlan), zWant);
  CHECK("hash is vp_index_hash of the bytes", strcmp(zHash, zWant) == 0);
  vp_prepared_free(p);

  /* the index holds these bytes: nothing parsed */
  char *azPath[1] = {zGood}, *azHash[1] = {zHash};
  vp_store_known known = {azPath, azHash, 1};
  CHECK("unchanged", vp_prepare_file(zGood, 1 << 20, &known, &p) == VP_OK && p &&
                         p->eState == VP_PREP_UNCHANGED && p->pText == NULL);
  vp_prepared_free(p);
  char zOther[17] = "0123456789abcdef";
  azHash[0] = zOther;
  CHECK("changed bytes are read again",
        vp_prepare_file(zGood, 1 << 20, &known, &p) == VP_OK && p &&
            p->eState == VP_PREP_READY);
  vp_prepared_free(p);

  CHECK("invalid UTF-8 skipped with a reason",
        vp_prepare_file(zBad, 1 << 20, NULL, &p) == VP_OK && p &&
            p->eState == VP_PREP_SKIPPED && p->zWhy && *p->zWhy);
  vp_prepared_free(p);
  CHECK("missing file skipped with a reason",
        vp_prepare_file(zMissing, 1 << 20, NULL, &p) == VP_OK && p &&
            p->eState == VP_PREP_SKIPPED && p->zWhy);
  vp_prepared_free(p);
  CHECK("too big skipped", vp_prepare_file(zGood, 16, NULL, &p) == VP_OK && p &&
                               p->eState == VP_PREP_SKIPPED);
  vp_prepared_free(p);
}

static void test_queue(char *zGood, char *zBad, char *zMissing) {
  char *az[7] = {zGood, zBad, zGood, zMissing, zGood, zBad, zGood};
  vp_prep_state aWant[7] = {VP_PREP_READY,   VP_PREP_SKIPPED, VP_PREP_READY,
                            VP_PREP_SKIPPED, VP_PREP_READY,   VP_PREP_SKIPPED,
                            VP_PREP_READY};
  vp_prep_queue *q = NULL;
  CHECK("queue starts", vp_prep_queue_start(az, 7, 1 << 20, NULL, &q) == VP_OK && q);
  if (q == NULL) return;
  int nOk = 0;
  for (int i = 0; i < 7; i++) {
    vp_prepared *p = NULL;
    if (vp_prep_queue_next(q, &p) == VP_OK && p && p->eState == aWant[i]) nOk++;
    vp_prepared_free(p);
  }
  CHECK("every file, in order, with its state", nOk == 7);
  vp_prepared *p = NULL;
  CHECK("no file past the end", vp_prep_queue_next(q, &p) != VP_OK && p == NULL);
  vp_prep_queue_free(q);

  /* the writer stops early: prepared files are freed (ASan checks) */
  CHECK("second queue", vp_prep_queue_start(az, 7, 1 << 20, NULL, &q) == VP_OK);
  CHECK("first file", vp_prep_queue_next(q, &p) == VP_OK && p);
  vp_prepared_free(p);
  usleep(20000); /* let the worker run ahead */
  vp_prep_queue_free(q);

  /* one file: no thread */
  CHECK("single", vp_prep_queue_start(az, 1, 1 << 20, NULL, &q) == VP_OK &&
                      vp_prep_queue_next(q, &p) == VP_OK && p &&
                      p->eState == VP_PREP_READY);
  vp_prepared_free(p);
  vp_prep_queue_free(q);
}

static void test_vocab(void) {
  vp_vocab v;
  memset(&v, 0, sizeof(v));
  int bNew = 0;
  CHECK("add", vp_vocab_add(&v, "khoá", 5, "khoa", 4, &bNew) == VP_OK && bNew);
  CHECK("add again", vp_vocab_add(&v, "khoá", 5, "khoa", 4, &bNew) == VP_OK && !bNew);
  CHECK("another", vp_vocab_add(&v, "học", (int)strlen("học"), "hoc", 3, &bNew) == VP_OK && bNew);
  int nNew = 0;
  for (int i = 0; i < 5000; i++) { /* grows past its first table */
    char zT[16];
    int n = snprintf(zT, sizeof(zT), "đ%d", i);
    vp_vocab_add(&v, zT, n, zT, n, &bNew);
    nNew += bNew;
  }
  CHECK("many", nNew == 5000 && v.nPair == 5002);
  const char *zTerm, *zFold;
  int iOff = 0;
  CHECK("first pair", vp_vocab_next(&v, &iOff, &zTerm, &zFold) &&
                          strcmp(zTerm, "khoá") == 0 && strcmp(zFold, "khoa") == 0);
  CHECK("second pair", vp_vocab_next(&v, &iOff, &zTerm, &zFold) &&
                           strcmp(zTerm, "học") == 0 && strcmp(zFold, "hoc") == 0);
  vp_vocab_clear(&v);

  const char *z = "Khoa học và Công nghệ; HOÀ bình, hoà bình; Internet";
  CHECK("collect", vp_vocab_collect_text(z, (int)strlen(z), &v) == VP_OK);
  /* học, và, công, nghệ, hoà (both spellings one form), bình */
  int bHoa = 0, bKhoa = 0, n = 0;
  iOff = 0;
  while (vp_vocab_next(&v, &iOff, &zTerm, &zFold)) {
    n++;
    if (strcmp(zFold, "hoa") == 0) bHoa++;
    if (strcmp(zTerm, "khoa") == 0 || strcmp(zTerm, "internet") == 0) bKhoa++;
  }
  CHECK("one pair per distinct word with diacritics", n == 6 && bHoa == 1);
  CHECK("ASCII words bring no pair", bKhoa == 0);
  vp_vocab_clear(&v);
}

int main(void) {
  snprintf(zDir, sizeof(zDir), "/tmp/vnplan-test-prepare-%d", (int)getpid());
  mkdir(zDir, 0700);
  char *zGood = write_file("plan.txt", zPlan, strlen(zPlan));
  char *zBad = write_file("bad.txt", "Kế hoạch \xFF\xFE số", 17);
  char *zMissing = vp_mprintf("%s/missing.txt", zDir);
  if (zGood && zBad && zMissing) {
    test_one_file(zGood, zBad, zMissing);
    test_queue(zGood, zBad, zMissing);
  }
  test_vocab();
  if (zGood) unlink(zGood);
  if (zBad) unlink(zBad);
  rmdir(zDir);
  free(zGood);
  free(zBad);
  free(zMissing);
  return vp_test_done();
}
