/* Growth for typed arrays: `struct x_list { struct x *items; size_t count, cap; }`. */
#ifndef MARGIN_CORE_LIST_H
#define MARGIN_CORE_LIST_H

#include <stdbool.h>
#include <stddef.h>

/* Makes room for at least `need` items of `size` bytes in *items (capacity *cap), doubling.
 * Returns false when memory runs out, leaving the array as it was. */
bool list_reserve(void **items, size_t *cap, size_t need, size_t size);

/* Appends one item, growing the array as needed. Returns false when memory runs out. */
#define LIST_PUSH(list, item)                                                                      \
    (list_reserve((void **)&(list)->items, &(list)->cap, (list)->count + 1,                        \
                  sizeof *(list)->items) &&                                                        \
     ((list)->items[(list)->count++] = (item), true))

#endif
