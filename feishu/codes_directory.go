package feishu

// The codes of the directory endpoints and of the user fields that refer to
// it. Several numbers mean something else on another endpoint (42301 is a
// duplicate employee type's content and a job level that does not exist;
// facts-2 §16): the names say which.
var (
	CodeInactiveEmployeeType = Code{41060, 400, "inactive employee type error"}
	CodeAttrNotSet           = Code{41044, 400, "Custom attribute is not set error"}
	CodeAttrNotExist         = Code{41045, 400, "Custom attribute id is not exist error"}
	CodeAttrValueNotSet      = Code{41046, 400, "Custom attribute value is not set error"}
	CodeAttrHrefText         = Code{41047, 400, "Custom attribute href text is null error"}
	CodeAttrHrefURL          = Code{41048, 400, "Custom attribute href url is null error"}
	CodeJobLevelInvalid      = Code{44044, 400, "invalid job level id"}
	CodeJobFamilyInvalid     = Code{44045, 400, "invalid job family id"}

	// POST/PUT /employee_type_enums.
	CodeTypeContentDuplicate = Code{42301, 400, "param content duplicate"}
	CodeTypeI18nDuplicate    = Code{42302, 400, "param i18n_content duplicate"}
	CodeTypeExceedMax        = Code{42303, 400, "exceed content max num"}

	// /job_levels.
	CodeLevelLimit          = Code{42300, 400, "job level reach the upper limit"}
	CodeLevelNotExist       = Code{42301, 404, "job level not exist"}
	CodeLevelNameInvalid    = Code{42303, 400, "job level name not valid"}
	CodeLevelDescInvalid    = Code{42304, 400, "job level description not valid"}
	CodeLevelNameDuplicate  = Code{42305, 400, "job level name duplicate"}
	CodeLevelOrderDuplicate = Code{42306, 400, "job level order duplicate"}
	CodeLevelOrderInvalid   = Code{42308, 400, "job level invalid order"}

	// /job_families.
	CodeFamilyParam          = Code{42400, 400, "param is invalid"}
	CodeFamilyLimit          = Code{42401, 400, "job family number reach the upper limit"}
	CodeFamilyNotExist       = Code{42402, 404, "job family not exist"}
	CodeFamilyNameInvalid    = Code{42404, 400, "job family name not valid"}
	CodeFamilyDescInvalid    = Code{42405, 400, "job family description not valid"}
	CodeFamilyNameDuplicate  = Code{42406, 400, "job family name duplicate"}
	CodeFamilyCycle          = Code{42407, 400, "job family has cycle"}
	CodeFamilyParentMissing  = Code{42408, 400, "parent job family not exist"}
	CodeFamilyParentDisabled = Code{42409, 400, "parent job family not enable"}
	CodeFamilyTooDeep        = Code{42413, 400, "job family exceed level number"}
)

// DuplicateNameCode is the code a directory create answers when the name
// is taken — what a retry gets after a create whose answer was lost (the
// directory APIs have no client_token).
func DuplicateNameCode(path string) int {
	switch path {
	case PathEmployeeTypeEnums:
		return CodeTypeContentDuplicate.Num
	case PathJobLevels:
		return CodeLevelNameDuplicate.Num
	case PathJobFamilies:
		return CodeFamilyNameDuplicate.Num
	}
	return 0
}
