/**
 * Name parts. Practitioners are fictional: names are random combinations of common given names and surnames
 * in England, never taken from a list of real people.
 */
export const givenNames = [
  'Aaliyah', 'Abdul', 'Adam', 'Adebayo', 'Agnieszka', 'Aisha', 'Alex', 'Alice', 'Amara', 'Amir', 'Amy', 'Andrew',
  'Aneesa', 'Anna', 'Arjun', 'Ayesha', 'Bartosz', 'Bethany', 'Bilal', 'Callum', 'Carys', 'Charlotte', 'Chloe',
  'Chidi', 'Ciaran', 'Claire', 'Connor', 'Daisy', 'Darren', 'Deepa', 'Eleanor', 'Elif', 'Ellie', 'Emeka', 'Emily',
  'Emma', 'Ewa', 'Farah', 'Fatima', 'Fiona', 'Gareth', 'Gemma', 'Grace', 'Hamza', 'Harriet', 'Harvinder', 'Helen',
  'Ibrahim', 'Imran', 'Isla', 'Jack', 'Jade', 'James', 'Jasmine', 'Jayden', 'Jennifer', 'Jessica', 'Joanne', 'Jonathan',
  'Joseph', 'Kamal', 'Karen', 'Katie', 'Kerry', 'Kirsty', 'Kwame', 'Laura', 'Leah', 'Liam', 'Lily', 'Lucy', 'Mandeep',
  'Marcus', 'Maria', 'Mark', 'Martyna', 'Megan', 'Mei', 'Michael', 'Mohammed', 'Nadia', 'Naomi', 'Natalie', 'Neil',
  'Nia', 'Nicola', 'Niamh', 'Oliver', 'Olivia', 'Omar', 'Owen', 'Paul', 'Precious', 'Rachel', 'Rebecca', 'Reuben',
  'Rhys', 'Rosa', 'Ruth', 'Ryan', 'Saima', 'Samuel', 'Sana', 'Sarah', 'Sean', 'Shabnam', 'Simon', 'Sophie', 'Stephen',
  'Tariq', 'Temitope', 'Thomas', 'Tom', 'Tomasz', 'Victoria', 'Wei', 'Yasmin', 'Yusuf', 'Zainab', 'Zara', 'Zoe',
];

export const surnames = [
  'Adeyemi', 'Ahmed', 'Akhtar', 'Ali', 'Allen', 'Anderson', 'Appiah', 'Armstrong', 'Atkinson', 'Bailey', 'Baker',
  'Banks', 'Barker', 'Begum', 'Bell', 'Bennett', 'Bhatt', 'Booth', 'Bradley', 'Brennan', 'Brooks', 'Burton', 'Butler',
  'Campbell', 'Carter', 'Chambers', 'Chapman', 'Chaudhry', 'Chen', 'Clarke', 'Coleman', 'Collins', 'Cooper', 'Cox',
  'Dang', 'Davies', 'Dawson', 'Desai', 'Dixon', 'Doherty', 'Douglas', 'Duncan', 'Edwards', 'Ellis', 'Evans', 'Farrell',
  'Fernandes', 'Fletcher', 'Foster', 'Fox', 'Gallagher', 'Gill', 'Graham', 'Grant', 'Gray', 'Green', 'Griffiths',
  'Hall', 'Hamilton', 'Harris', 'Hassan', 'Hayes', 'Henderson', 'Hill', 'Holmes', 'Hossain', 'Howard', 'Hughes',
  'Hussain', 'Iqbal', 'Jackson', 'James', 'Jenkins', 'Johnson', 'Jones', 'Kaur', 'Kelly', 'Khan', 'King', 'Knight',
  'Kowalski', 'Lambert', 'Lawrence', 'Lee', 'Lewis', 'Li', 'Lloyd', 'Lynch', 'Mahmood', 'Marshall', 'Martin', 'Mason',
  'Matthews', 'McCarthy', 'McDonald', 'Miah', 'Miller', 'Mills', 'Mitchell', 'Moore', 'Morgan', 'Morris', 'Murphy',
  'Murray', 'Nowak', 'Nwosu', 'Obi', "O'Brien", 'Oduya', 'Osei', 'Owen', 'Palmer', 'Parker', 'Patel', 'Pearson',
  'Phillips', 'Powell', 'Price', 'Qureshi', 'Rahman', 'Read', 'Reid', 'Reynolds', 'Richards', 'Roberts', 'Robinson',
  'Rogers', 'Rose', 'Russell', 'Saunders', 'Scott', 'Shah', 'Sharma', 'Shaw', 'Simpson', 'Singh', 'Smith', 'Stevens',
  'Stewart', 'Sutton', 'Taylor', 'Thomas', 'Thompson', 'Turner', 'Walker', 'Walsh', 'Ward', 'Watson', 'Webb', 'Wells',
  'White', 'Williams', 'Wilson', 'Wood', 'Wright', 'Wu', 'Yates', 'Young', 'Zielinska',
];

/** Middle initials make names unique at benchmark scale. */
export const initials = 'ABCDEFGHJKLMNPRSTW'.split('');

export const otherLanguages = [
  'Urdu', 'Polish', 'Punjabi', 'Bengali', 'Arabic', 'Romanian', 'Gujarati', 'Somali', 'Portuguese', 'Tigrinya',
  'Kurdish', 'Pashto', 'Mandarin', 'Yoruba', 'Spanish', 'British Sign Language', 'Welsh', 'Farsi', 'Lithuanian', 'Twi',
];
