package wx

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestErrorSentinels(t *testing.T) {
	tests := []struct {
		api    API
		errMsg string
		want   error
		status string
	}{
		{APIChooseImage, "chooseImage:cancel", ErrCancel, "cancel"},
		{APIChooseImage, "chooseImage:fail", ErrFailed, "fail"},
		{APIChooseImage, "chooseImage:no camera", ErrFailed, "no camera"},
		{APIChooseImage, "chooseImage:", ErrFailed, "fail"},
		{APIChooseImage, "nocolon", ErrFailed, "nocolon"},
		{APIChooseImage, "chooseImage:permission denied", ErrPermissionDenied, "permission denied"},
		{APIChooseImage, "chooseImage:the permission value is offline verifying", ErrOfflineVerifying, "the permission value is offline verifying"},
		{APIChooseImage, "chooseImage:function not exist", ErrFunctionNotExist, "function not exist"},
		{APIConfig, "config:invalid signature", ErrInvalidSignature, "invalid signature"},
		{APIConfig, "config:invalid url domain", ErrInvalidURLDomain, "invalid url domain"},
		{APIConfig, "config:fail", ErrConfigFailed, "fail"},
		{APIConfig, "config:system:access_denied", ErrPermissionDenied, "system:access_denied"},
		// The user refusing the page a permission of the device.
		{APIGetLocation, "getLocation:fail auth deny", ErrUserDenied, "fail auth deny"},
		{APIGetLocation, "getLocation:auth denied", ErrUserDenied, "auth denied"},
		{APIGetLocation, "getLocation:fail:user denied", ErrUserDenied, "fail:user denied"},
		{APIChooseImage, "chooseImage:fail system permission denied", ErrUserDenied, "fail system permission denied"},
		{APIChooseImage, "chooseImage:the user refuses the camera", ErrUserDenied, "the user refuses the camera"},
		{APIStartRecord, "startRecord:fail user deny", ErrUserDenied, "fail user deny"},
	}
	for _, tt := range tests {
		err := newError(tt.api, tt.errMsg, map[string]json.RawMessage{"errMsg": json.RawMessage(`"x"`)})
		if !errors.Is(err, tt.want) {
			t.Errorf("%q: %v does not match %v", tt.errMsg, err, tt.want)
		}
		if err.Status != tt.status || err.Msg != tt.errMsg || err.API != tt.api {
			t.Errorf("%q: got %+v", tt.errMsg, err)
		}
		if tt.api == APIConfig && !errors.Is(err, ErrConfigFailed) {
			t.Errorf("%q: a config error does not match ErrConfigFailed", tt.errMsg)
		}
		if tt.api != APIConfig && errors.Is(err, ErrConfigFailed) {
			t.Errorf("%q: a call error matches ErrConfigFailed", tt.errMsg)
		}
		if errors.Is(err, ErrCancel) != (tt.want == ErrCancel) {
			t.Errorf("%q: ErrCancel match is wrong", tt.errMsg)
		}
		if !strings.HasPrefix(err.Error(), "wx: "+string(tt.api)+": ") {
			t.Errorf("%q: Error() = %q does not name the API", tt.errMsg, err.Error())
		}
		if err.Fields != nil {
			t.Errorf("%q: errMsg kept among the fields: %v", tt.errMsg, err.Fields)
		}
	}
}

func TestErrorHintAndFields(t *testing.T) {
	err := newError(APIConfig, "config:invalid signature", map[string]json.RawMessage{
		"realAuthUrl": json.RawMessage(`"https://example.com/landing"`),
		"errCode":     json.RawMessage(`63002`),
	})
	if err.RealAuthURL() != "https://example.com/landing" {
		t.Errorf("RealAuthURL = %q", err.RealAuthURL())
	}
	if string(err.Fields["errCode"]) != "63002" {
		t.Errorf("Fields = %v", err.Fields)
	}
	if h := err.Hint(); !strings.Contains(h, "#fragment") || !strings.Contains(h, "https://example.com/landing") {
		t.Errorf("Hint = %q", h)
	}
	for _, kind := range []error{ErrInvalidSignature, ErrInvalidURLDomain, ErrOfflineVerifying, ErrPermissionDenied, ErrFunctionNotExist, ErrConfigFailed, ErrNotInWeChat, ErrNotInJSAPIList} {
		if (&Error{kind: kind}).Hint() == "" {
			t.Errorf("no hint for %v", kind)
		}
	}
	if (&Error{kind: ErrCancel}).Hint() != "" {
		t.Errorf("a cancel has a hint")
	}
}

// The mappings the reference observed in jweixin's result normalisation.
func TestNormaliseRaw(t *testing.T) {
	tests := []struct {
		api  API
		raw  string
		want string
	}{
		{APIHideOptionMenu, `{}`, "hideOptionMenu:ok"},
		{APIChooseImage, `{"err_msg":"chooseImage:confirm"}`, "chooseImage:ok"},
		{APIChooseImage, `{"err_msg":"chooseImage:cancel"}`, "chooseImage:cancel"},
		{APIChooseImage, `{"err_msg":"x:failed"}`, "chooseImage:fail"},
		{APIChooseImage, `{"err_msg":"x:fail"}`, "chooseImage:fail"},
		{APIChooseImage, `{"err_msg":"x:fail_no_permission"}`, "chooseImage:no permission"},
		{APIChooseImage, `{"err_msg":"x:failed_some_reason"}`, "chooseImage:some reason"},
		{APIChooseImage, `{"err_msg":"system:access_denied"}`, "chooseImage:permission denied"},
		{APIChooseImage, `{"err_msg":"x:no_permission_to_execute"}`, "chooseImage:permission denied"},
		{APIChooseImage, `{"err_msg":"x:"}`, "chooseImage:fail"},
		{APIChooseImage, `{"err_msg":"x:Some_Error"}`, "chooseImage:some error"},
		{APIChooseImage, `{"err_msg":"nocolon"}`, "chooseImage:nocolon"},
		{APIChooseImage, `{"errMsg":"custom:whatever","err_msg":"x:ok"}`, "custom:whatever"},
		{APIChooseImage, `{"err_msg":"x:function_not_exist"}`, "chooseImage:function not exist"},
		{APIConfig, `{"err_msg":"pre_verify_jsapi:function_not_exist"}`, "config:ok"},
		{APIConfig, `{"err_msg":"config:invalid signature"}`, "config:invalid signature"},
	}
	for _, tt := range tests {
		var raw map[string]json.RawMessage
		if err := json.Unmarshal([]byte(tt.raw), &raw); err != nil {
			t.Fatal(err)
		}
		if got := normaliseRaw(tt.api, raw); got != tt.want {
			t.Errorf("normaliseRaw(%s, %s) = %q, want %q", tt.api, tt.raw, got, tt.want)
		}
	}
}

func TestUserDeniedHint(t *testing.T) {
	err := newError(APIGetLocation, "getLocation:fail auth deny", nil)
	if errors.Is(err, ErrPermissionDenied) || !strings.Contains(err.Hint(), "settings") {
		t.Fatalf("%v: Hint %q", err, err.Hint())
	}
}
