export { Nested, Raw, Text } from '@spotcheck/common';
