!function(w,d){var s=d.currentScript,l=w.location,t=w.trackEvent,
a=function(k){return s.getAttribute('data-'+k)},
O=a('outbound-links')!=null,F=a('file-downloads')!=null,
X=(a('file-types')||'pdf,xlsx,docx,txt,rtf,csv,exe,key,pps,ppt,pptx,7z,pkg,rar,gz,zip,avi,mov,mp4,mpeg,wmv,midi,mp3,wav,wma,dmg').toLowerCase().split(/[\s,.]+/);
function c(e){var k=e.target.closest&&e.target.closest('a[href]'),x;
if(k&&k.host&&(e.type=='click'||e.button==1))
O&&k.host!=l.host?t('Outbound Link: Click',{url:k.href}):F&&(x=/\.(\w+)$/.exec(k.pathname))&&X.indexOf(x[1].toLowerCase())>=0&&t('File Download',{url:k.protocol+'//'+k.host+k.pathname})}
d.addEventListener('click',c);d.addEventListener('auxclick',c);
a('404')!=null&&t('404',{path:l.pathname})}(window,document);
