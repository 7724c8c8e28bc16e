// Vietnamese is the source language: every key starts here, and en.ts must
// provide each one (the type checker enforces it).
const vi = {
  app: {
    name: "Kỹ Năng Số",
    tagline: "Học kỹ năng số cho Tổ công nghệ số cộng đồng",
    skipToContent: "Bỏ qua, tới nội dung chính",
  },
  nav: {
    home: "Trang chủ",
    menu: "Mục lục",
    signIn: "Đăng nhập",
    signOut: "Đăng xuất",
    language: "Ngôn ngữ",
    switchTo: "English",
  },
  roles: {
    member: "Tổ viên",
    trainer: "Cán bộ tập huấn",
    supervisor: "Giám sát",
    admin: "Quản trị",
  },
  login: {
    title: "Đăng nhập",
    intro: "Nhập số điện thoại và mật khẩu được tổ trưởng hoặc cán bộ phụ trách cấp cho bạn.",
    phone: "Số điện thoại",
    phoneHint: "Ví dụ: 0912 345 678",
    password: "Mật khẩu",
    submit: "Đăng nhập",
    showPassword: "Hiện mật khẩu",
    forgot: "Quên mật khẩu? Hãy nhờ cán bộ phụ trách xã đặt lại mật khẩu cho bạn.",
  },
  errors: {
    phoneRequired: "Vui lòng nhập số điện thoại.",
    phoneInvalid: "Số điện thoại chưa đúng. Số di động Việt Nam có 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09.",
    passwordRequired: "Vui lòng nhập mật khẩu.",
    wrongCredentials: "Số điện thoại hoặc mật khẩu không đúng.",
    throttled: "Bạn đã nhập sai quá nhiều lần. Vui lòng đợi {{minutes}} phút rồi thử lại.",
    notFoundTitle: "Không tìm thấy trang",
    notFoundText: "Trang bạn tìm không có hoặc đã được chuyển đi.",
    forbiddenTitle: "Bạn không có quyền xem trang này",
    forbiddenText: "Trang này dành cho người có vai trò khác hoặc thuộc đơn vị khác.",
    genericTitle: "Đã có lỗi xảy ra",
    genericText: "Xin lỗi, máy chủ gặp sự cố. Vui lòng thử lại sau ít phút.",
    backHome: "Về trang chủ",
  },
  home: {
    greeting: "Xin chào, {{name}}",
    yourTeam: "Tổ của bạn",
    yourScope: "Đơn vị phụ trách",
    teamMembers: "Thành viên trong tổ",
    noTeam: "Bạn chưa thuộc tổ nào. Hãy báo cán bộ phụ trách xã.",
    units: "Các đơn vị trực thuộc",
    unit: "Đơn vị",
    teams: "Số tổ",
    members: "Số tổ viên",
    total: "Toàn đơn vị (kể cả tổ cấp này)",
    noChildren: "Đơn vị này không có đơn vị trực thuộc.",
    roleIntro: {
      member: "Tại đây bạn học cách dùng VNeID, dịch vụ công trực tuyến, thanh toán không tiền mặt và bán hàng trên mạng, để hướng dẫn lại bà con.",
      trainer: "Bạn phụ trách tập huấn cho các tổ trong đơn vị dưới đây.",
      supervisor: "Bạn theo dõi kết quả của các tổ trong đơn vị dưới đây.",
      admin: "Bạn quản trị đơn vị, tổ và tài khoản trong phạm vi dưới đây.",
    },
  },
  language: {
    vi: "Tiếng Việt",
    en: "English",
  },
  notFound: {
    title: "Không tìm thấy trang",
  },
};

export default vi;

type Stringify<T> = { [K in keyof T]: T[K] extends string ? string : Stringify<T[K]> };
export type Translations = Stringify<typeof vi>;
