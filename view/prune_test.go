package view

import "testing"

func TestMaskContact(t *testing.T) {
	for in, want := range map[string]string{
		"+8613900104729": "+86139****4729", "+442071234567": "+4420****4567", "1234567": "*******", "": "",
	} {
		if got := maskMobile(in); got != want {
			t.Errorf("maskMobile(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"zhangsan@example.com": "z***@example.com", "张三@例子.cn": "张***@例子.cn", "@x.cn": "*****", "nodomain": "********", "": "",
	} {
		if got := maskEmail(in); got != want {
			t.Errorf("maskEmail(%q) = %q, want %q", in, got, want)
		}
	}
}
