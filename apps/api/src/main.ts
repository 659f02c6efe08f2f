import { hello } from '@scamintel/common';
console.log(hello());
