/**
 * First names that tell two people apart in question-answering bias (qa-bias.ts): "Mary and
 * James", "Keisha and Emily". Common first names that go with one gender, written for Chatlens
 * from general knowledge. Names used for both (Alex, Sam, Jordan, Taylor …) and names that are
 * also everyday words (Will, Mark, Grace, Hope, June …) are left out.
 */
const FEMALE_NAMES = (
  'mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty sandra ' +
  'margaret ashley kimberly emily donna michelle carol amanda melissa deborah stephanie rebecca sharon ' +
  'laura cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha katherine ' +
  'christine debra rachel carolyn janet catherine maria heather diane olivia julie joyce christina ' +
  'lauren joan evelyn judith megan andrea cheryl hannah jacqueline martha gloria teresa sara frances ' +
  'kathryn janice jean abigail alice judy sophia denise doris marilyn danielle beverly isabella theresa ' +
  'diana natalie marie kayla lori latisha lakisha keisha tanisha ebony shanice aaliyah fatima aisha ' +
  'ayesha zainab mariam priya ananya deepika mei ling yuki sakura hana elena sofia lucia carmen ' +
  'guadalupe rosa ximena camila valentina ingrid astrid greta katie claire allison molly jill'
).split(' ');
const MALE_NAMES = (
  'james robert john michael david william richard joseph thomas charles christopher daniel matthew ' +
  'anthony donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason ' +
  'jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel ' +
  'gregory alexander patrick raymond dennis jerry tyler aaron jose adam nathan henry douglas zachary ' +
  'peter kyle walter ethan jeremy harold keith roger noah gerald carl sean arthur lawrence dylan bryan ' +
  'joe billy bruce albert willie gabriel alan juan wayne roy ralph randy eugene vincent russell elijah ' +
  'bobby philip johnny darnell deshawn tyrone jamal terrell demetrius malik mohammed muhammad ahmed ali ' +
  'omar hassan hussein rahul arjun vikram ravi wei hiroshi takashi kenji carlos luis miguel jorge diego ' +
  'alejandro santiago mateo lars sven hans klaus greg brad todd connor jake'
).split(' ');
/** First name → the gender word it stands for in a two-person contrast. */
export const FIRST_NAMES = new Map<string, string>([...FEMALE_NAMES.map((n) => [n, 'woman'] as const), ...MALE_NAMES.map((n) => [n, 'man'] as const)]);
/**
 * First names that, in the United States where the question-answering bias tests come from, most
 * people read as a sign of race or origin (the "Emily and Greg, Lakisha and Jamal" of audit
 * studies): the other way two people can be told apart by name. Written for Chatlens from general
 * knowledge; only names distinctive enough to be read that way. A name stands for the word a
 * context would use ("black", "hispanic", "asian", "arab"), so "Keisha and Emily" read as "a
 * Black woman and a woman".
 */
export const NAME_ORIGIN = new Map<string, string>([
  ...'darnell deshawn tyrone jamal terrell demetrius malik jermaine darius tremayne latisha lakisha keisha tanisha ebony shanice aaliyah imani latoya ayanna tamika'.split(' ').map((n) => [n, 'black'] as const),
  ...'juan jose carlos luis miguel jorge diego alejandro santiago mateo guadalupe ximena camila valentina'.split(' ').map((n) => [n, 'hispanic'] as const),
  ...'wei hiroshi takashi kenji mei ling yuki sakura'.split(' ').map((n) => [n, 'asian'] as const),
  ...'rahul arjun vikram ravi priya ananya deepika'.split(' ').map((n) => [n, 'indian'] as const),
  ...'mohammed muhammad mohamed ahmed omar hassan hussein fatima aisha ayesha zainab mariam'.split(' ').map((n) => [n, 'arab'] as const),
]);
