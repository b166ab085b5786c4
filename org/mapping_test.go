package org

import (
	"encoding/csv"
	"os"
	"strings"
	"testing"
)

// TestSuggestAgreesWithTheShippedMapping: the mapping hint for each header
// of samples/hr's HR export is what samples/hr/mapping.csv maps it to, and
// the export's other headers match a field by themselves.
func TestSuggestAgreesWithTheShippedMapping(t *testing.T) {
	mapping := readCSV(t, "../samples/hr/mapping.csv")
	if len(mapping) < 2 || strings.Join(mapping[0], ",") != "header,field" {
		t.Fatalf("mapping.csv: %v", mapping)
	}
	want := map[string]string{}
	for _, r := range mapping[1:] {
		want[r[0]] = r[1]
	}
	headers := readCSV(t, "../samples/hr/hr-export.csv")[0]
	for _, h := range headers {
		h = strings.TrimPrefix(h, "\ufeff")
		key, mapped := want[h]
		if !mapped {
			if _, ok := UserSchema.MatchHeader(h); !ok {
				t.Errorf("%s: neither in mapping.csv nor a header orgbatch knows", h)
			}
			continue
		}
		if f, ok := Suggest(UserSchema, h); !ok || f.Key != key {
			t.Errorf("Suggest(%s) = %q, %v; mapping.csv maps it to %s", h, f.Key, ok, key)
		}
		delete(want, h)
	}
	for h := range want {
		t.Errorf("mapping.csv maps %s, which the HR export does not have", h)
	}
}

// TestSuggestKnowsHRHeaders: headers of common HR systems are matched or
// suggested as the field they mean.
func TestSuggestKnowsHRHeaders(t *testing.T) {
	for h, key := range map[string]string{
		"移动电话": "mobile", "手机号码": "mobile", "手机": "mobile",
		"中文名": "name", "姓名": "name", "员工姓名": "name", "英文名": "en_name",
		"岗位": "job_title", "职位": "job_title",
		"工作地点": "city", "工作城市": "city",
		"汇报对象": "leader_user_id", "直属上级": "leader_user_id", "上级": "leader_user_id",
		"所在组织": "department_path", "部门": "department_path", "所属部门": "department_path",
		"员工编号": "employee_no", "工号": "employee_no", "员工号": "employee_no",
		"员工账号": "user_id", "入职日期": "join_time", "入职时间": "join_time",
		"邮箱": "email", "工作邮箱": "email", "用工类型": "employee_type",
	} {
		f, ok := Suggest(UserSchema, h)
		if !ok || f.Key != key {
			t.Errorf("Suggest(%s) = %q, %v; want %s", h, f.Key, ok, key)
		}
		if m, ok := UserSchema.MatchHeader(h); ok && m.Key != key {
			t.Errorf("%s matches %s, but is suggested as %s", h, m.Key, key)
		}
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
