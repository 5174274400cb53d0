package wx

import (
	"context"
	"errors"
	"testing"
)

func TestInvokeRaw(t *testing.T) {
	s, b := configured(t)
	b.answer = func(name string, _ map[string]any) (string, bool) {
		if name == "someClientAPI" {
			return `{"err_msg":"someClientAPI:ok","value":7}`, true
		}
		return `{"err_msg":"other:fail_no_such_thing"}`, true
	}
	ctx := context.Background()
	res, err := s.Invoke(ctx, "someClientAPI", map[string]any{"a": 1}).Await(ctx)
	if err != nil || string(res["value"]) != "7" || string(res["err_msg"]) != `"someClientAPI:ok"` {
		t.Fatalf("Invoke = %v, %v", res, err)
	}
	if r := b.raws[0]; r.fn != "invoke" || r.name != "someClientAPI" || r.args["a"] != 1.0 {
		t.Fatalf("raw call %+v", r)
	}
	_, err = s.Invoke(ctx, "other", nil).Await(ctx)
	var we *Error
	if !errors.As(err, &we) || we.Status != "no such thing" {
		t.Fatalf("failed Invoke = %#v", err)
	}
	if b.live() != 0 {
		t.Fatalf("%d replies attached", b.live())
	}
}

func TestOnRaw(t *testing.T) {
	s, b := configured(t)
	sub := s.On(context.Background(), "menu:share:timeline")
	if len(b.raws) != 1 || b.raws[0].fn != "on" || b.raws[0].name != "menu:share:timeline" {
		t.Fatalf("raws %+v", b.raws)
	}
	b.raws[0].reply([]byte(`{"scene":"x"}`))
	if e := next(t, sub); string(e["scene"]) != `"x"` {
		t.Fatalf("event %v", e)
	}
	sub.Stop()
	if b.live() != 0 {
		t.Fatal("On's reply still attached after Stop")
	}
}

func TestRawWaitsForConfig(t *testing.T) {
	b := newFakeBridge()
	s := newSDK(b)
	f := s.Invoke(context.Background(), "x", nil)
	if len(b.raws) != 0 {
		t.Fatal("a raw call reached the client before configuration")
	}
	b.answer = func(string, map[string]any) (string, bool) { return `{}`, true }
	if err := s.Config(context.Background(), okConfig); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Await(context.Background()); err != nil {
		t.Fatalf("raw call after configuration: %v", err)
	}
}
