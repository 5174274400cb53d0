package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/gowx/gowx/wx"
)

// section is a group of interfaces as the JS-SDK document groups them.
type section struct {
	id, zh, en string
	entries    []entry
}

// entry is an interface's button: what it does, in Chinese and English.
type entry struct {
	api    wx.API
	zh, en string
}

// catalogue is every interface, grouped and ordered as the JS-SDK document
// has them, then the interfaces it leaves out (mini programs, WeCom).
func catalogue() []section {
	return []section{
		{"basic", "基础接口", "Basic", []entry{
			{wx.APICheckJSAPI, "判断当前客户端是否支持指定接口", "Check which interfaces are supported"},
		}},
		{"share", "分享接口", "Share", []entry{
			{wx.APIUpdateAppMessageShareData, "自定义“分享给朋友”及“分享到QQ”", "Set what Send to Friend and QQ share"},
			{wx.APIUpdateTimelineShareData, "自定义“分享到朋友圈”及“分享到QQ空间”", "Set what Moments and QZone share"},
			{wx.APIOnMenuShareTimeline, "监听“分享到朋友圈”（旧）", "On sharing to Moments (old)"},
			{wx.APIOnMenuShareAppMessage, "监听“分享给朋友”（旧）", "On sending to a friend (old)"},
			{wx.APIOnMenuShareQQ, "监听“分享到QQ”（旧）", "On sharing to QQ (old)"},
			{wx.APIOnMenuShareWeibo, "监听“分享到腾讯微博”", "On sharing to Weibo"},
			{wx.APIOnMenuShareQZone, "监听“分享到QQ空间”（旧）", "On sharing to QZone (old)"},
		}},
		{"image", "图像接口", "Image", []entry{
			{wx.APIChooseImage, "拍照或从手机相册中选图", "Take or choose photos"},
			{wx.APIPreviewImage, "预览图片", "Preview images"},
			{wx.APIUploadImage, "上传图片", "Upload an image"},
			{wx.APIDownloadImage, "下载图片", "Download an image"},
			{wx.APIGetLocalImgData, "获取本地图片数据", "Get an image's data"},
		}},
		{"voice", "音频接口", "Voice", []entry{
			{wx.APIStartRecord, "开始录音", "Start recording"},
			{wx.APIStopRecord, "停止录音", "Stop recording"},
			{wx.APIOnVoiceRecordEnd, "监听录音自动停止", "On the recording ending by itself"},
			{wx.APIPlayVoice, "播放语音", "Play the voice"},
			{wx.APIPauseVoice, "暂停播放", "Pause the voice"},
			{wx.APIStopVoice, "停止播放", "Stop the voice"},
			{wx.APIOnVoicePlayEnd, "监听语音播放完毕", "On the voice played to its end"},
			{wx.APIUploadVoice, "上传语音", "Upload the voice"},
			{wx.APIDownloadVoice, "下载语音", "Download a voice"},
		}},
		{"smart", "智能接口", "Smart", []entry{
			{wx.APITranslateVoice, "识别音频并返回识别结果", "Recognise the voice's speech"},
		}},
		{"device", "设备信息", "Device", []entry{
			{wx.APIGetNetworkType, "获取网络状态", "Get the network type"},
		}},
		{"location", "地理位置", "Location", []entry{
			{wx.APIOpenLocation, "使用微信内置地图查看位置", "Show a place on WeChat's map"},
			{wx.APIGetLocation, "获取地理位置", "Get the location"},
		}},
		{"beacons", "摇一摇周边", "Shake nearby", []entry{
			{wx.APIStartSearchBeacons, "开启查找周边 iBeacon 设备", "Start searching for iBeacons"},
			{wx.APIStopSearchBeacons, "关闭查找周边 iBeacon 设备", "Stop searching for iBeacons"},
			{wx.APIOnSearchBeacons, "监听周边 iBeacon 设备", "On iBeacons in range"},
		}},
		{"menu", "界面操作", "Interface", []entry{
			{wx.APIHideOptionMenu, "隐藏右上角菜单", "Hide the menu"},
			{wx.APIShowOptionMenu, "显示右上角菜单", "Show the menu"},
			{wx.APIHideMenuItems, "批量隐藏功能按钮", "Hide menu items"},
			{wx.APIShowMenuItems, "批量显示功能按钮", "Show menu items"},
			{wx.APIHideAllNonBaseMenuItem, "隐藏所有非基础按钮", "Hide all non-basic items"},
			{wx.APIShowAllNonBaseMenuItem, "显示所有功能按钮", "Show all items"},
			{wx.APICloseWindow, "关闭当前网页窗口", "Close the window"},
		}},
		{"scan", "微信扫一扫", "Scan", []entry{
			{wx.APIScanQRCode, "调起微信扫一扫", "Scan a QR code or barcode"},
		}},
		{"store", "微信小店", "WeChat Store", []entry{
			{wx.APIOpenProductSpecificView, "跳转微信商品页", "Open a product's page"},
		}},
		{"card", "微信卡券", "Cards", []entry{
			{wx.APIChooseCard, "拉取适用卡券列表并获取用户选择信息", "Choose one of the shop's cards"},
			{wx.APIAddCard, "批量添加卡券", "Add the shop's card"},
			{wx.APIOpenCard, "查看微信卡包中的卡券", "Open a card in the wallet"},
			{wx.APIConsumeAndShareCard, "核销后再次赠送卡券", "Redeem a card, then share one"},
		}},
		{"pay", "微信支付", "WeChat Pay", []entry{
			{wx.APIChooseWXPay, "发起一个微信支付请求", "Pay an order of the shop"},
			{wx.APIOpenEnterpriseRedPacket, "领取企业红包", "Open an enterprise red packet"},
			{wx.APIOpenBusinessView, "拉起微信支付分等业务页", "Open a WeChat Pay business page"},
		}},
		{"address", "快捷输入", "Quick input", []entry{
			{wx.APIOpenAddress, "共享收货地址", "Pick a shipping address"},
		}},
		{"miniprogram", "小程序", "Mini programs", []entry{
			{wx.APILaunchMiniProgram, "打开小程序", "Launch a mini program"},
			{wx.APIMiniProgramGetEnv, "获取当前环境", "Am I in a mini program?"},
			{wx.APIMiniProgramNavigateTo, "保留当前页面，跳转", "Navigate to a page"},
			{wx.APIMiniProgramNavigateBack, "返回上一页面", "Navigate back"},
			{wx.APIMiniProgramRedirectTo, "关闭当前页面，跳转", "Redirect to a page"},
			{wx.APIMiniProgramSwitchTab, "跳转到 tabBar 页面", "Switch to a tab"},
			{wx.APIMiniProgramReLaunch, "关闭所有页面，打开", "Relaunch at a page"},
			{wx.APIMiniProgramPostMessage, "向小程序发送消息", "Post a message"},
		}},
		{"enterprise", "企业微信", "WeCom", []entry{
			{wx.APIOpenEnterpriseChat, "创建企业微信会话", "Open a WeCom chat"},
		}},
	}
}

// allPrefix goes before the ids of the "all interfaces" page's controls.
const allPrefix = "all-"

// renderAll is the "all interfaces" page: a button per interface, which
// runs it with the options its group's page starts with.
func renderAll(gs []group) app.UI {
	specs, secs := specsByAPI(gs), catalogue()
	return app.Section().ID("group-"+allPath).Body(
		app.H1().Body(app.Text("All interfaces"), app.Span().Class("zh").Text("全部接口")),
		app.P().Class("about").Text("One button per interface, grouped as the JS-SDK document groups them. "+
			"Each runs its interface with the demo's options (a group's page lets you change them) and shows the outcome; "+
			"the images, voices and places one call gives are what the next ones use."),
		app.Range(secs).Slice(func(i int) app.UI {
			sec := secs[i]
			return app.Section().ID("all-"+sec.id).Class("apis").Body(
				app.H2().Body(app.Span().Class("zh").Text(sec.zh), app.Text(sec.en)),
				app.Div().Class("cells").Body(app.Range(sec.entries).Slice(func(j int) app.UI {
					e := sec.entries[j]
					return &control{Spec: specs[e.api], Label: e, Prefix: allPrefix, Button: true}
				})),
			)
		}),
	)
}

// specsByAPI are the pages' controls, by interface.
func specsByAPI(gs []group) map[wx.API]spec {
	m := map[wx.API]spec{}
	for _, g := range gs {
		for _, s := range g.specs {
			m[s.api] = s
		}
	}
	return m
}

// labels are the catalogue's words for each interface.
func labels() map[wx.API]entry {
	m := map[wx.API]entry{}
	for _, sec := range catalogue() {
		for _, e := range sec.entries {
			m[e.api] = e
		}
	}
	return m
}
