package sign

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"testing"
)

func TestPayV3(t *testing.T) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	p, err := PayV3(key, "wxapp", 1700000000, "nonce", "wx201410272009395522657a690389285100")
	if err != nil {
		t.Fatal(err)
	}
	if p.SignType != "RSA" || p.Package != "prepay_id=wx201410272009395522657a690389285100" || p.TimeStamp != "1700000000" || p.AppID != "wxapp" {
		t.Fatalf("PayV3 = %+v", p)
	}
	msg := "wxapp\n1700000000\nnonce\nprepay_id=wx201410272009395522657a690389285100\n"
	if got := PayV3String("wxapp", 1700000000, "nonce", "wx201410272009395522657a690389285100"); got != msg {
		t.Fatalf("PayV3String = %q", got)
	}
	sig, err := base64.StdEncoding.DecodeString(p.PaySign)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(msg))
	if err := rsa.VerifyPKCS1v15(&key.PublicKey, crypto.SHA256, sum[:], sig); err != nil {
		t.Fatalf("paySign does not verify with the merchant's public key: %v", err)
	}
	if _, err := PayV3(nil, "wxapp", 1, "n", "p"); err == nil {
		t.Fatal("PayV3 without a key succeeded")
	}
}

// The example of WeChat Pay API v2's signature documentation.
func TestPayV2SignVector(t *testing.T) {
	params := map[string]string{
		"appid": "wxd930ea5d5a258f4f", "mch_id": "10000100", "device_info": "1000",
		"body": "test", "nonce_str": "ibuaiVcKdpRxkhJA", "sign": "ignored", "empty": "",
	}
	const key = "192006250b4c09247ec02edce69f6a2d"
	want := "appid=wxd930ea5d5a258f4f&body=test&device_info=1000&mch_id=10000100&nonce_str=ibuaiVcKdpRxkhJA&key=" + key
	if got := PayV2String(params, key); got != want {
		t.Fatalf("PayV2String = %q, want %q", got, want)
	}
	for method, want := range map[PayV2Method]string{
		PayV2MD5:        "9A0A8659F005D6984697E2CA0A9CF3B7",
		PayV2HMACSHA256: "6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6",
	} {
		if got, err := PayV2Sign(params, key, method); err != nil || got != want {
			t.Errorf("PayV2Sign %s = %s, %v; want %s", method, got, err, want)
		}
	}
	if _, err := PayV2Sign(params, key, "SHA1"); err == nil {
		t.Error("unknown signType accepted")
	}
}

func TestPayV2(t *testing.T) {
	p, err := PayV2("apikey", PayV2HMACSHA256, "wxapp", 1700000000, "nonce", "pp")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := PayV2Sign(map[string]string{"appId": "wxapp", "timeStamp": "1700000000", "nonceStr": "nonce", "package": "prepay_id=pp", "signType": "HMAC-SHA256"}, "apikey", PayV2HMACSHA256)
	if p.SignType != "HMAC-SHA256" || p.PaySign != want || p.Package != "prepay_id=pp" {
		t.Fatalf("PayV2 = %+v, want paySign %s", p, want)
	}
	if _, err := PayV2("", PayV2MD5, "wxapp", 1, "n", "p"); err == nil {
		t.Fatal("PayV2 without an API key succeeded")
	}
}
