/* The store as a feed of recorded samples (store_feed.h). */
#include "sample/store_feed.h"

#include <errno.h>

#include "core/err.h"

int sample_store_feed_open(const char *cmd, const char *dir, const char *from, const char *to,
			   struct sample_feed *feed)
{
	(void)dir, (void)from, (void)to, (void)feed;
	err_msg(cmd, "--from: the flight recorder's store is not built in yet");
	return -ENOSYS;
}
