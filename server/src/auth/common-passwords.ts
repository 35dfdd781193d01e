/**
 * Passwords of 12+ characters that top the public breach lists: refused at registration and reset.
 * Compared lower-cased. Short ones are not listed; the length rule already refuses them.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456789123', '123123123123', '111111111111',
  '000000000000', '121212121212', '112233445566', '987654321098', '123456123456', '147258369147',
  'qwertyuiopas', 'qwertyuiop123', 'qwerty123456', '1q2w3e4r5t6y', '1qaz2wsx3edc', 'zaq12wsxcde3',
  'asdfghjkl123', 'qazwsxedcrfv', 'zxcvbnm12345', 'qwertyqwerty', 'asdfasdfasdf', '!qaz2wsx#edc',
  'password1234', 'password12345', 'password123!', 'password2020', 'password2021', 'password2022',
  'password2023', 'password2024', 'password2025', 'password2026', 'passwordpassword', 'passw0rd1234',
  'p@ssw0rd1234', 'p@ssword1234', 'mypassword123', 'mypassword12', 'secretpassword', 'passwordsecure',
  'iloveyou1234', 'iloveyou12345', 'letmein12345', 'welcome12345', 'welcome123456', 'welcome2024!',
  'changeme1234', 'changemenow!', 'administrator', 'admin1234567', 'adminadmin123', 'administrator1',
  'sunshine1234', 'princess1234', 'football1234', 'baseball1234', 'basketball12', 'superman1234',
  'trustno11234', 'starwars1234', 'dragon123456', 'monkey123456', 'shadow123456', 'master123456',
  'michael12345', 'jennifer1234', 'computer1234', 'internet1234', 'whatever1234', 'qwerty123456789',
  'abcdefghijkl', 'abcdefghijklm', 'abcdefg12345', 'abc123456789', 'abcd12345678', 'a1b2c3d4e5f6',
  'correcthorsebatterystaple', 'correct horse battery staple', 'thequickbrownfox', 'iloveyouforever',
  'canada123456', 'toronto12345', 'montreal1234', 'vancouver123', 'pathfinder123', 'pathfinder1234',
  'student12345', 'graduate1234', 'internship123', 'university123', 'password!234', 'summer2024!!',
]);
