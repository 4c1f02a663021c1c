/* baseline.c — libyaml's event parser over the same files, on one thread,
 * doing nothing else: the cost of just reading the bytes.
 *
 *   baseline FILE...
 */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

int main(int argc, char **argv)
{
    unsigned long events = 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            return 1;
        }
        yaml_parser_t p;
        yaml_parser_initialize(&p);
        yaml_parser_set_input_file(&p, f);
        for (;;) {
            yaml_event_t ev;
            if (!yaml_parser_parse(&p, &ev)) {
                fprintf(stderr, "%s: parse error\n", argv[i]);
                return 1;
            }
            events++;
            int done = ev.type == YAML_STREAM_END_EVENT;
            yaml_event_delete(&ev);
            if (done)
                break;
        }
        yaml_parser_delete(&p);
        fclose(f);
    }
    printf("%lu events\n", events);
    return 0;
}
