/* fuzz-main.c: runs a fuzz target over files (the seed corpus and every crash found so far),
 * so the regular test suite replays them without clang or libFuzzer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>

int LLVMFuzzerTestOneInput (const unsigned char *data, size_t size);

int
main (int   argc,
      char *argv[])
{
  guint n = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
      const char *name;

      if (dir == NULL)
        continue;
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (argv[i], name, NULL);
          g_autofree char *data = NULL;
          gsize len;

          if (!g_file_get_contents (path, &data, &len, NULL))
            continue;
          LLVMFuzzerTestOneInput ((const unsigned char *) data, len);
          n++;
          g_print ("ok %u - %s\n", n, path);
        }
    }
  g_print ("1..%u\n", n);
  return n > 0 ? 0 : 1;
}
