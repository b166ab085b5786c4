package importer

import "github.com/orgbatch/orgbatch/internal/samplegen"

func hrMapping() map[string]string { return samplegen.HRMapping }
