// Package org is the domain of an org chart sheet: departments and users as
// HR wrote them, where each came from, and the normalisation of their values
// (mobiles, dates, enums). It reads sheet tables into an Org and knows
// nothing of HTTP or of the validation rules.
package org
