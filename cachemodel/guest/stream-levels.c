// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * stream-levels: the cache model's guest check, run as /init of a minimal
 * initramfs (scripts/cachemodel-validate.sh). For each size N it reads one
 * 8-byte word per 64-byte line over N bytes twice: a warm-up pass, then a
 * measured pass between PHASE_BEGIN(k) and PHASE_END(k), phase k = 1, 2, ...
 * in the order of the sizes. Then it powers the machine off, and the plugin
 * writes its counts. Output: "size phase=K bytes=N lines=L" per size.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <unistd.h>

#include "phase-marker.h"

#define LINE 64

static const uint64_t sizes[] = { 32ull << 10, 512ull << 10, 4ull << 20, 64ull << 20 };
#define NSIZES (sizeof(sizes) / sizeof(sizes[0]))

/* noinline: one copy of the loop, outside the phases' markers. */
static __attribute__((noinline)) uint64_t read_lines(const volatile uint64_t *buf, uint64_t bytes)
{
	uint64_t sum = 0;

	for (uint64_t i = 0; i < bytes / sizeof(*buf); i += LINE / sizeof(*buf))
		sum += buf[i];
	return sum;
}

/* The phase id must be a constant: one case per size. */
static uint64_t measured(unsigned int k, const volatile uint64_t *buf, uint64_t bytes)
{
	uint64_t sum;

	switch (k) {
	case 1:
		PHASE_BEGIN(1);
		sum = read_lines(buf, bytes);
		PHASE_END(1);
		break;
	case 2:
		PHASE_BEGIN(2);
		sum = read_lines(buf, bytes);
		PHASE_END(2);
		break;
	case 3:
		PHASE_BEGIN(3);
		sum = read_lines(buf, bytes);
		PHASE_END(3);
		break;
	case 4:
		PHASE_BEGIN(4);
		sum = read_lines(buf, bytes);
		PHASE_END(4);
		break;
	default:
		abort();
	}
	return sum;
}

/* As /init of a bare initramfs: no /dev/console in it, so mount devtmpfs. */
static void console_as_init(void)
{
	int fd;

	mkdir("/dev", 0755);
	if (mount("devtmpfs", "/dev", "devtmpfs", 0, NULL))
		return;
	fd = open("/dev/console", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 1);
		dup2(fd, 2);
	}
}

int main(void)
{
	uint64_t max = sizes[NSIZES - 1], sum = 0;
	uint64_t *buf;

	if (getpid() == 1)
		console_as_init();
	buf = mmap(NULL, max, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);

	if (buf == MAP_FAILED) {
		perror("stream-levels: mmap");
		return 1;
	}
	for (uint64_t i = 0; i < max / sizeof(*buf); i += 4096 / sizeof(*buf))
		buf[i] = i;	/* a page of its own each, not the shared zero page */
	for (unsigned int k = 1; k <= NSIZES; k++) {
		uint64_t bytes = sizes[k - 1];

		sum += read_lines(buf, bytes);
		sum += measured(k, buf, bytes);
		printf("size phase=%u bytes=%llu lines=%llu\n", k, (unsigned long long)bytes,
		       (unsigned long long)(bytes / LINE));
	}
	printf("stream-levels: done (%llu)\n", (unsigned long long)sum);
	fflush(stdout);
	sync();
	if (getpid() == 1)
		reboot(RB_POWER_OFF);
	return 0;
}
