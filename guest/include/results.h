/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Machine-readable benchmark output: one line per measured value,
 *   RESULT <TAB> bench <TAB> params <TAB> rep <TAB> phase <TAB> metric <TAB> value
 * params is "key=value,key=value"; metric names come from perfctr.h plus
 * "wall_ns"; a value the platform cannot measure is written as "NA".
 */
#ifndef GUEST_RESULTS_H
#define GUEST_RESULTS_H

#include "perfctr.h"

void result_value(const char *bench, const char *params, unsigned int rep,
		  const char *phase, const char *metric, double value);
/* The sample's lines; its phase names them (bench-phases.h). */
void result_sample(const char *bench, const char *params, unsigned int rep,
		   const struct perfctr_sample *sample);

#endif
