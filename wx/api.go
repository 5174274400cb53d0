package wx

// API names a jweixin interface as jsApiList and checkJsApi name it.
type API string

// The interfaces of jweixin 1.6: the 51 members of wx and the 7 of
// wx.miniProgram (named "miniProgram.<name>", which jsApiList never needs).
const (
	APIConfig                    API = "config"
	APICheckJSAPI                API = "checkJsApi"
	APIUpdateAppMessageShareData API = "updateAppMessageShareData"
	APIUpdateTimelineShareData   API = "updateTimelineShareData"
	APIOnMenuShareTimeline       API = "onMenuShareTimeline"
	APIOnMenuShareAppMessage     API = "onMenuShareAppMessage"
	APIOnMenuShareQQ             API = "onMenuShareQQ"
	APIOnMenuShareWeibo          API = "onMenuShareWeibo"
	APIOnMenuShareQZone          API = "onMenuShareQZone"
	APIStartRecord               API = "startRecord"
	APIStopRecord                API = "stopRecord"
	APIOnVoiceRecordEnd          API = "onVoiceRecordEnd"
	APIPlayVoice                 API = "playVoice"
	APIPauseVoice                API = "pauseVoice"
	APIStopVoice                 API = "stopVoice"
	APIOnVoicePlayEnd            API = "onVoicePlayEnd"
	APIUploadVoice               API = "uploadVoice"
	APIDownloadVoice             API = "downloadVoice"
	APITranslateVoice            API = "translateVoice"
	APIChooseImage               API = "chooseImage"
	APIPreviewImage              API = "previewImage"
	APIUploadImage               API = "uploadImage"
	APIDownloadImage             API = "downloadImage"
	APIGetLocalImgData           API = "getLocalImgData"
	APIGetNetworkType            API = "getNetworkType"
	APIOpenLocation              API = "openLocation"
	APIGetLocation               API = "getLocation"
	APIStartSearchBeacons        API = "startSearchBeacons"
	APIStopSearchBeacons         API = "stopSearchBeacons"
	APIOnSearchBeacons           API = "onSearchBeacons"
	APIHideOptionMenu            API = "hideOptionMenu"
	APIShowOptionMenu            API = "showOptionMenu"
	APIHideMenuItems             API = "hideMenuItems"
	APIShowMenuItems             API = "showMenuItems"
	APIHideAllNonBaseMenuItem    API = "hideAllNonBaseMenuItem"
	APIShowAllNonBaseMenuItem    API = "showAllNonBaseMenuItem"
	APICloseWindow               API = "closeWindow"
	APIScanQRCode                API = "scanQRCode"
	APIOpenProductSpecificView   API = "openProductSpecificView"
	APIAddCard                   API = "addCard"
	APIChooseCard                API = "chooseCard"
	APIOpenCard                  API = "openCard"
	APIConsumeAndShareCard       API = "consumeAndShareCard"
	APIChooseWXPay               API = "chooseWXPay"
	APIOpenEnterpriseRedPacket   API = "openEnterpriseRedPacket"
	APIOpenEnterpriseChat        API = "openEnterpriseChat"
	APILaunchMiniProgram         API = "launchMiniProgram"
	APIOpenBusinessView          API = "openBusinessView"
	APIOpenAddress               API = "openAddress"

	APIMiniProgramNavigateTo   API = "miniProgram.navigateTo"
	APIMiniProgramNavigateBack API = "miniProgram.navigateBack"
	APIMiniProgramRedirectTo   API = "miniProgram.redirectTo"
	APIMiniProgramSwitchTab    API = "miniProgram.switchTab"
	APIMiniProgramReLaunch     API = "miniProgram.reLaunch"
	APIMiniProgramPostMessage  API = "miniProgram.postMessage"
	APIMiniProgramGetEnv       API = "miniProgram.getEnv"
)

// String returns the JS name.
func (a API) String() string { return string(a) }

// APIs returns every interface a jsApiList may name: all of wx but config
// (miniProgram's need no listing).
func APIs() []API {
	return []API{
		APICheckJSAPI, APIUpdateAppMessageShareData, APIUpdateTimelineShareData,
		APIOnMenuShareTimeline, APIOnMenuShareAppMessage, APIOnMenuShareQQ, APIOnMenuShareWeibo, APIOnMenuShareQZone,
		APIStartRecord, APIStopRecord, APIOnVoiceRecordEnd, APIPlayVoice, APIPauseVoice, APIStopVoice, APIOnVoicePlayEnd,
		APIUploadVoice, APIDownloadVoice, APITranslateVoice,
		APIChooseImage, APIPreviewImage, APIUploadImage, APIDownloadImage, APIGetLocalImgData,
		APIGetNetworkType, APIOpenLocation, APIGetLocation,
		APIStartSearchBeacons, APIStopSearchBeacons, APIOnSearchBeacons,
		APIHideOptionMenu, APIShowOptionMenu, APIHideMenuItems, APIShowMenuItems, APIHideAllNonBaseMenuItem, APIShowAllNonBaseMenuItem,
		APICloseWindow, APIScanQRCode, APIOpenProductSpecificView,
		APIAddCard, APIChooseCard, APIOpenCard, APIConsumeAndShareCard,
		APIChooseWXPay, APIOpenEnterpriseRedPacket, APIOpenEnterpriseChat, APILaunchMiniProgram, APIOpenBusinessView, APIOpenAddress,
	}
}
