#include "model/upkeep.h"

#include "store/store.h"

long upkeep_check(const char *path, struct strbuf *problems, struct error *err)
{
    struct store *store = store_open(path, STORE_READ_ONLY, err);
    if (!store)
        return -1;
    long found = store_check(store, problems, err);
    store_close(store);
    return found;
}

bool upkeep_backup(const char *path, const char *dest, struct error *err)
{
    struct store *store = store_open(path, STORE_READ_ONLY, err);
    if (!store)
        return false;
    bool ok = store_backup(store, dest, err);
    store_close(store);
    return ok;
}
