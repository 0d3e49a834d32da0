// SPDX-License-Identifier: GPL-2.0
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <linux/perf_event.h>

#include "perfctr.h"

const char *const perfctr_names[PERFCTR_COUNT] = {
	[PERFCTR_INSTRUCTIONS] = "instructions",
	[PERFCTR_CYCLES] = "cycles",
	[PERFCTR_TASK_CLOCK] = "task_clock_ns",
	[PERFCTR_PAGE_FAULTS] = "page_faults",
};

static int open_one(uint32_t type, uint64_t config)
{
	struct perf_event_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = type;
	attr.config = config;
	attr.inherit = 1;
	return (int)syscall(SYS_perf_event_open, &attr, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
}

void perfctr_open(struct perfctr_set *set)
{
	set->fd[PERFCTR_INSTRUCTIONS] = open_one(PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS);
	set->fd[PERFCTR_CYCLES] = open_one(PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES);
	set->fd[PERFCTR_TASK_CLOCK] = open_one(PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK);
	set->fd[PERFCTR_PAGE_FAULTS] = open_one(PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS);
}

void perfctr_close(struct perfctr_set *set)
{
	for (int i = 0; i < PERFCTR_COUNT; i++) {
		if (set->fd[i] >= 0)
			close(set->fd[i]);
		set->fd[i] = -1;
	}
}

static int read_counter(int fd, uint64_t *value)
{
	return read(fd, value, sizeof(*value)) == (ssize_t)sizeof(*value) ? 0 : -1;
}

uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void perfctr_begin(struct perfctr_set *set, enum bench_phase phase, uint64_t *wall_start)
{
	for (int i = 0; i < PERFCTR_COUNT; i++)
		if (set->fd[i] < 0 || read_counter(set->fd[i], &set->start[i]))
			set->start[i] = UINT64_MAX;
	*wall_start = now_ns();
	set->phase = phase;
	bench_phase_mark(phase, false);
}

void perfctr_end(struct perfctr_set *set, uint64_t wall_start, struct perfctr_sample *out)
{
	uint64_t v;

	bench_phase_mark(set->phase, true);
	out->phase = set->phase;
	out->wall_ns = now_ns() - wall_start;
	for (int i = 0; i < PERFCTR_COUNT; i++) {
		out->valid[i] = set->fd[i] >= 0 && set->start[i] != UINT64_MAX &&
				!read_counter(set->fd[i], &v) && v >= set->start[i];
		/* An unsupported hardware event opens but never counts. */
		if (out->valid[i] && i <= PERFCTR_CYCLES && v == 0)
			out->valid[i] = false;
		out->value[i] = out->valid[i] ? v - set->start[i] : 0;
	}
}
