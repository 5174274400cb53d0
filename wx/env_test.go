package wx

import "testing"

func TestEnv(t *testing.T) {
	tests := []struct {
		p    page
		want Environment
	}{
		{page{userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/156"}, EnvBrowser},
		{page{userAgent: "Mozilla/5.0 (Linux; Android 14) MicroMessenger/8.0.47"}, EnvWeChat},
		{page{userAgent: "Mozilla/5.0 Chrome/156", fake: true}, EnvWeChat},
		{page{userAgent: "Mozilla/5.0 (iPhone) MicroMessenger/8.0.47 miniProgram"}, EnvMiniProgram},
		{page{userAgent: "Mozilla/5.0 MicroMessenger/8.0.47", miniProgram: true}, EnvMiniProgram},
		{page{userAgent: "Mozilla/5.0 miniProgram"}, EnvBrowser},
	}
	for _, tt := range tests {
		if got := tt.p.env(); got != tt.want {
			t.Errorf("%+v: env %v, want %v", tt.p, got, tt.want)
		}
	}
}
