package wx

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// allConfigured returns an SDK configured with every API, over a fake
// bridge that answers every call ok with errMsg alone.
func allConfigured(t *testing.T) (*SDK, *fakeBridge) {
	t.Helper()
	b := newFakeBridge()
	b.answer = func(method string, _ map[string]any) (string, bool) { return `{"errMsg":"` + method + `:ok"}`, true }
	s := newSDK(b)
	c := okConfig
	c.JSAPIList = APIs()
	if err := s.Config(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	return s, b
}

// awaitErr waits for f and returns its error.
func awaitErr[T any](f *Future[T]) error {
	_, err := f.Await(context.Background())
	return err
}

// callWith makes a call of method with options o, for the tables below.
func callWith[O, T any](method func(*SDK, context.Context, O) *Future[T], o O) func(context.Context, *SDK) error {
	return func(ctx context.Context, s *SDK) error { return awaitErr(method(s, ctx, o)) }
}

// argsCase is a call and the arguments it must hand to jweixin.
type argsCase struct {
	name   string
	call   func(context.Context, *SDK) error
	method string
	args   map[string]any // as JSON decodes them; nil means {}
}

func testArgs(t *testing.T, cases []argsCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			s, b := allConfigured(t)
			if err := tt.call(context.Background(), s); err != nil {
				t.Fatal(err)
			}
			want := tt.args
			if want == nil {
				want = map[string]any{}
			}
			c := b.lastCall()
			if c.method != tt.method || !reflect.DeepEqual(c.args, want) {
				t.Fatalf("called %s(%v), want %s(%v)", c.method, c.args, tt.method, want)
			}
			if !reflect.DeepEqual(c.cbs, resultCallbacks) {
				t.Fatalf("callbacks %v", c.cbs)
			}
		})
	}
}

// refusal is a call with invalid options, and what its error must name.
type refusal struct {
	name  string
	call  func(context.Context, *SDK) error
	names string
}

// testRefusals checks that each call fails with ErrBadOptions naming the
// problem, and that nothing reaches the SDK.
func testRefusals(t *testing.T, cases []refusal) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			s, b := allConfigured(t)
			err := tt.call(context.Background(), s)
			var we *Error
			if !errors.Is(err, ErrBadOptions) || !errors.As(err, &we) || !strings.Contains(err.Error(), tt.names) {
				t.Fatalf("err = %v, want ErrBadOptions naming %q", err, tt.names)
			}
			if len(b.calls) != 0 {
				t.Fatalf("refused options reached the SDK: %+v", b.calls)
			}
		})
	}
}

// decodeCase is a result the SDK hands over and what the call makes of it.
type decodeCase[T any] struct {
	name    string
	res     string
	want    T
	wantErr error
}

func testDecode[T any](t *testing.T, call func(context.Context, *SDK) *Future[T], cases []decodeCase[T]) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			s, b := allConfigured(t)
			b.answer = func(string, map[string]any) (string, bool) { return tt.res, true }
			got, err := call(context.Background(), s).Await(context.Background())
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %#v, want %#v", got, tt.want)
			}
			if b.live() != 0 {
				t.Fatalf("%d replies still attached", b.live())
			}
		})
	}
}

func TestCheckJSAPIArgs(t *testing.T) {
	testArgs(t, []argsCase{
		{"public names", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.CheckJSAPI(ctx, APIChooseWXPay, APIOnMenuShareTimeline))
		}, "checkJsApi", map[string]any{"jsApiList": []any{"chooseWXPay", "onMenuShareTimeline"}}},
	})
	testRefusals(t, []refusal{
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
