package wx

import (
	"context"
	"errors"
	"testing"
)

func TestCheckJSAPIArgs(t *testing.T) {
	testCalls(t, []callCase{
		{"public names", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.CheckJSAPI(ctx, APIChooseWXPay, APIOnMenuShareTimeline))
		}, "checkJsApi", map[string]any{"jsApiList": []any{"chooseWXPay", "onMenuShareTimeline"}}},
	})
	testRefusals(t, []refusalCase{
		{"nothing to check", func(ctx context.Context, s *SDK) error { return awaitErr(s.CheckJSAPI(ctx)) }, "no API"},
	})
}

func TestCheckJSAPIResults(t *testing.T) {
	call := func(ctx context.Context, s *SDK) *Future[map[API]bool] {
		return s.CheckJSAPI(ctx, APIChooseWXPay, APIOpenAddress)
	}
	want := map[API]bool{APIChooseWXPay: true, APIOpenAddress: false}
	testDecode(t, call, []decodeCase[map[API]bool]{
		{"iOS object", `{"errMsg":"checkJsApi:ok","checkResult":{"chooseWXPay":true,"openAddress":false}}`, want, nil},
		{"Android JSON string", `{"errMsg":"checkJsApi:ok","checkResult":"{\"chooseWXPay\":true,\"openAddress\":false}"}`, want, nil},
		{"numbers and strings", `{"errMsg":"checkJsApi:ok","checkResult":{"chooseWXPay":1,"openAddress":"false"}}`, want, nil},
		{"left out", `{"errMsg":"checkJsApi:ok","checkResult":{"chooseWXPay":"true"}}`, map[API]bool{APIChooseWXPay: true}, nil},
		{"no result", `{"errMsg":"checkJsApi:ok"}`, map[API]bool{}, nil},
		{"old client", `{"errMsg":"checkJsApi:function not exist"}`, nil, ErrFunctionNotExist},
		{"cancel", `{"errMsg":"checkJsApi:cancel"}`, nil, ErrCancel},
		{"fail", `{"errMsg":"checkJsApi:fail"}`, nil, ErrFailed},
		{"not a boolean", `{"errMsg":"checkJsApi:ok","checkResult":{"chooseWXPay":"maybe"}}`, nil, ErrFailed},
		{"unparsable string", `{"errMsg":"checkJsApi:ok","checkResult":"{chooseWXPay"}`, nil, ErrFailed},
	})
}

func TestCheckJSAPIWaitsAndIsGated(t *testing.T) {
	s, b := configured(t) // checkJsApi is not in its jsApiList
	if err := awaitErr(s.CheckJSAPI(context.Background(), APIChooseImage)); !errors.Is(err, ErrNotInJSAPIList) {
		t.Fatalf("err = %v", err)
	}
	if len(b.calls) != 0 {
		t.Fatal("the call reached the SDK")
	}
}

func TestFlag(t *testing.T) {
	for in, want := range map[string]bool{
		`true`: true, `false`: false, `1`: true, `0`: false, `2`: true, `null`: false,
		`"true"`: true, `"TRUE"`: true, `"1"`: true, `"false"`: false, `"0"`: false, `""`: false,
	} {
		var f flag
		if err := f.UnmarshalJSON([]byte(in)); err != nil || bool(f) != want {
			t.Errorf("%s: %v, %v; want %v", in, f, err, want)
		}
	}
	for _, in := range []string{`"yes"`, `[]`, `{}`} {
		var f flag
		if err := f.UnmarshalJSON([]byte(in)); err == nil {
			t.Errorf("%s decoded as %v", in, f)
		}
	}
}
