package credential_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/server/wechat/wechatfake"
)

func TestMediaRenewsARejectedTokenOnce(t *testing.T) {
	for _, code := range []int{40001, 42001} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			e := newEnv(t)
			acct := e.account()
			id := e.Fake.PutMedia(wechatfake.MediaImage, "image/png", []byte("picture"))
			ctx := context.Background()
			e.Fake.Inject(wechat.PathMedia, wechatfake.Fault{Errcode: code, Times: 1})
			body, info, err := acct.Media(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			data, err := io.ReadAll(body)
			body.Close()
			if err != nil || string(data) != "picture" || info.ContentType != "image/png" {
				t.Fatalf("Media: %q, %+v, %v", data, info, err)
			}
			if c := e.Fake.Calls(); c[wechat.PathToken] != 2 || c[wechat.PathMedia] != 2 {
				t.Fatalf("calls = %v; want 2 tokens (one renewal), 2 downloads (one retry)", c)
			}
			e.Fake.Inject(wechat.PathMedia, wechatfake.Fault{Errcode: code})
			if _, _, err := acct.Media(ctx, id); !errors.Is(err, wechat.ErrTokenRejected) {
				t.Fatalf("rejected twice: %v", err)
			}
			if c := e.Fake.Calls(); c[wechat.PathToken] != 3 || c[wechat.PathMedia] != 4 {
				t.Fatalf("calls = %v; want one more renewal and one retry, not more", c)
			}
		})
	}
}

func TestMediaOtherErrorsNotRetried(t *testing.T) {
	e := newEnv(t)
	acct := e.account()
	ctx := context.Background()
	if _, _, err := acct.HDVoice(ctx, "unknown"); !errors.Is(err, wechat.ErrMediaNotFound) {
		t.Fatalf("HDVoice(unknown) = %v, want ErrMediaNotFound", err)
	}
	if _, _, err := acct.Media(ctx, "../x"); !errors.Is(err, wechat.ErrBadMediaID) {
		t.Fatalf("Media(../x) = %v, want ErrBadMediaID", err)
	}
	if c := e.Fake.Calls(); c[wechat.PathToken] != 1 || c[wechat.PathMediaJSSDK] != 1 || c[wechat.PathMedia] != 0 {
		t.Fatalf("calls = %v", c)
	}
}
