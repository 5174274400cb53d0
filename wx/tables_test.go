package wx

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// Table helpers of the interfaces' native tests, over the fake bridge.

// allConfigured returns an SDK configured with every API over a fake
// bridge that answers every call ok, with answerFields.
func allConfigured(t *testing.T) (*SDK, *fakeBridge) {
	t.Helper()
	b := newFakeBridge()
	b.answer = func(method string, _ map[string]any) (string, bool) {
		return `{"errMsg":"` + method + `:ok",` + answerFields + `}`, true
	}
	s := newSDK(b)
	cfg := okConfig
	cfg.JSAPIList = APIs()
	if err := s.Config(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	return s, b
}

// answerFields are the data of every ok answer of allConfigured: what the
// decoders that need a field find.
const answerFields = `"localId":"L1","serverId":"S1","localData":"iVBORw0KGgo=","translateResult":"T1","latitude":1,"longitude":2`

// awaitErr waits for f and returns its error.
func awaitErr[T any](f *Future[T]) error {
	_, err := f.Await(context.Background())
	return err
}

// callWith makes a call of method with options o, for the tables.
func callWith[O, T any](method func(*SDK, context.Context, O) *Future[T], o O) func(context.Context, *SDK) error {
	return func(ctx context.Context, s *SDK) error { return awaitErr(method(s, ctx, o)) }
}

// callCase is one call and what must reach jWeixin for it.
type callCase struct {
	name   string
	call   func(ctx context.Context, s *SDK) error
	method string
	args   map[string]any // as JSON decodes them; nil means {}
}

// testCalls checks the method and arguments each call hands to jWeixin.
func testCalls(t *testing.T, cases []callCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, b := allConfigured(t)
			if err := tc.call(context.Background(), s); err != nil {
				t.Fatal(err)
			}
			want := tc.args
			if want == nil {
				want = map[string]any{}
			}
			c := b.lastCall()
			if c.method != tc.method || !reflect.DeepEqual(c.args, want) {
				t.Fatalf("called %s(%v), want %s(%v)", c.method, c.args, tc.method, want)
			}
			if !reflect.DeepEqual(c.cbs, resultCallbacks) {
				t.Fatalf("callbacks %v", c.cbs)
			}
		})
	}
}

// refusalCase is a call whose options are invalid: it fails with
// ErrBadOptions naming field, and nothing reaches jWeixin.
type refusalCase struct {
	name  string
	call  func(ctx context.Context, s *SDK) error
	field string
}

func testRefusals(t *testing.T, cases []refusalCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, b := allConfigured(t)
			err := tc.call(context.Background(), s)
			var we *Error
			if !errors.Is(err, ErrBadOptions) || !errors.As(err, &we) || !strings.Contains(err.Error(), tc.field) {
				t.Fatalf("err = %v, want ErrBadOptions naming %s", err, tc.field)
			}
			if len(b.calls) != 0 {
				t.Fatalf("refused options reached jWeixin: %+v", b.calls)
			}
		})
	}
}

// decodeCase is an answer of the client and what a call makes of it.
type decodeCase[T any] struct {
	name    string
	res     string
	want    T
	wantErr error
}

// testDecode answers each call of run with the case's answer.
func testDecode[T any](t *testing.T, run func(ctx context.Context, s *SDK) *Future[T], cases []decodeCase[T]) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, b := allConfigured(t)
			b.answer = func(string, map[string]any) (string, bool) { return tc.res, true }
			got, err := run(context.Background(), s).Await(context.Background())
			if !errors.Is(err, tc.wantErr) || (tc.wantErr == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got %#v, want %#v", got, tc.want)
			}
			if b.live() != 0 {
				t.Fatalf("%d replies still attached", b.live())
			}
		})
	}
}
