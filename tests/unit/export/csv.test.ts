import { describe, expect, it } from 'vitest';
import {
	castNamesByBeat,
	csvField,
	csvRecord,
	seconds,
	shotListCsv,
	UTF8_BOM
} from '$lib/export/csv';
import { shot } from './fixtures';

describe('csvField', () => {
	it('leaves plain text as it is', () => {
		expect(csvField('Wide shot')).toBe('Wide shot');
		expect(csvField('Café 夜市')).toBe('Café 夜市');
	});
	it('quotes text with commas, quotes or line breaks and doubles the quotes', () => {
		expect(csvField('a, b')).toBe('"a, b"');
		expect(csvField('say "hi"')).toBe('"say ""hi"""');
		expect(csvField('one\ntwo')).toBe('"one\ntwo"');
		expect(csvField('one\r\ntwo')).toBe('"one\r\ntwo"');
	});
	it('makes text that would run as a spreadsheet formula inert (OWASP CSV injection)', () => {
		expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
		expect(csvField('+1')).toBe("'+1");
		expect(csvField('-2+3')).toBe("'-2+3");
		expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(csvField('\tcmd')).toBe("'\tcmd");
		expect(csvField('\r=1')).toBe(`"'\r=1"`);
		expect(csvField('a = b - c')).toBe('a = b - c');
	});
	it('writes numbers and leaves missing values empty', () => {
		expect(csvField(3)).toBe('3');
		expect(csvField(undefined)).toBe('');
	});
});

describe('csvRecord', () => {
	it('joins fields with commas and ends with CRLF', () => {
		expect(csvRecord(['a', 'b,c', 2])).toBe('a,"b,c",2\r\n');
	});
});

describe('seconds', () => {
	it('keeps up to three decimals without trailing zeros', () => {
		expect(seconds(3)).toBe('3');
		expect(seconds(1.25)).toBe('1.25');
		expect(seconds(0.1 + 0.2)).toBe('0.3');
		expect(seconds(undefined)).toBe('');
	});
});

describe('shotListCsv', () => {
	it('starts with a BOM and a heading row, then one row per shot in order', () => {
		const csv = shotListCsv(
			[
				shot('a', 0, {
					title: 'Pier',
					description: 'Night, "late",\nempty',
					durationS: 2.5,
					sourceTimeS: 4,
					transition: 'dissolve'
				}),
				shot('b', 1, { title: '渡し船', notes: 'Ñ' })
			],
			new Map([['a#1', 'Style 1/Shot_01/Beat_1.1.png']])
		);
		expect(csv.startsWith(UTF8_BOM)).toBe(true);
		const lines = csv.slice(1).split('\r\n');
		expect(lines[0]).toBe(
			'Shot,Beat,Title,Description,Shot size,Angle,Movement,Duration (s),Beat action,Beat camera,Beat duration (s),Transition,Source time (s),Dialogue,Sound,Notes,Image,Cast'
		);
		expect(lines[1]).toBe(
			'1,1.1,Pier,"Night, ""late"",\nempty",Medium,Eye level,Static,2.5,,,2.5,dissolve,4,,,,Style 1/Shot_01/Beat_1.1.png,'
		);
		expect(lines[2]).toBe('2,2.1,渡し船,,Medium,Eye level,Static,3,,,3,cut,,,,Ñ,,');
		expect(lines[3]).toBe('');
		expect(lines).toHaveLength(4);
	});
});

describe('shotListCsv dialogue and sound', () => {
	it('puts every line of a shot in one quoted cell, a line each, with the sound beside it', () => {
		const csv = shotListCsv([
			shot('a', 0, {
				dialogue: [
					{ speaker: 'Mara', line: 'Keep the flame alive, "always".' },
					{ speaker: '', line: '(a bell rings)' },
					{ speaker: 'Jun', line: '  ' },
					{ speaker: '老师', line: '走吧。' }
				],
				sound: 'Firecrackers, far off'
			})
		]);
		const row = csv.slice(1).split('\r\n')[1]!;
		expect(row).toBe(
			'1,1.1,Shot a,,Medium,Eye level,Static,3,,,3,cut,,' +
				'"MARA: Keep the flame alive, ""always"".\n(a bell rings)\n老师: 走吧。",' +
				'"Firecrackers, far off",,,'
		);
	});

	it('makes a line that would start a formula inert', () => {
		const csv = shotListCsv([shot('a', 0, { dialogue: [{ speaker: '', line: '=1+1' }] })]);
		expect(csv).toContain(",'=1+1,");
	});
});

describe('shotListCsv beats', () => {
	const beats = [
		{ id: 'b1', action: 'The door opens', camera: '', sourceTimeS: 10.5 },
		{ id: 'b2', action: '=she turns', camera: 'Push in, "slow"', share: 0.5 },
		{ id: 'b3', action: 'She sees him', camera: '' }
	];
	const csv = shotListCsv(
		[
			shot('a', 0, { title: 'Porch', durationS: 2 }),
			shot('b', 1, { title: 'Hall, night', durationS: 4, sourceTimeS: 9, beats, sound: 'Rain' })
		],
		new Map([['b2', 'Ink/Shot_02/Beat_2.2.png']])
	);
	const rows = csv.slice(1).split('\r\n').slice(1, -1);

	it('writes one row per beat, each with its shot’s fields and its own number and seconds', () => {
		expect(rows).toHaveLength(4);
		expect(rows[1]).toBe(
			'2,2.1,"Hall, night",,Medium,Eye level,Static,4,The door opens,,1,cut,10.5,,Rain,,,'
		);
		expect(rows[2]).toBe(
			`2,2.2,"Hall, night",,Medium,Eye level,Static,4,'=she turns,"Push in, ""slow""",2,cut,9,,Rain,,Ink/Shot_02/Beat_2.2.png,`
		);
		expect(rows[3]).toBe(
			'2,2.3,"Hall, night",,Medium,Eye level,Static,4,She sees him,,1,cut,9,,Rain,,,'
		);
	});

	it('keeps a shot of one beat on one row numbered N.1', () => {
		expect(rows[0]).toBe('1,1.1,Porch,,Medium,Eye level,Static,2,,,2,cut,,,,,,');
	});
});

describe('castNamesByBeat', () => {
	const cast = [
		{ id: 'm1', name: 'Mara' },
		{ id: 'm2', name: 'Tomás, the ferryman' },
		{ id: 'm3', name: '港' }
	];
	const beats = [
		{ id: 'b1', action: '', camera: '' },
		{ id: 'b2', action: '', camera: '', cast: ['m3'] },
		{ id: 'b3', action: '', camera: '', cast: [] }
	];
	const names = castNamesByBeat(
		[shot('a', 0, { cast: ['m2', 'gone', 'm1'] }), shot('b', 1, { cast: ['m1'], beats })],
		cast
	);

	it('names a shot’s cast in the order it matters, leaving out members no longer there', () => {
		expect(names.get('a#1')).toBe('Tomás, the ferryman, Mara');
	});
	it('gives a beat its own cast when it has one, and its shot’s otherwise', () => {
		expect([names.get('b1'), names.get('b2'), names.get('b3')]).toEqual(['Mara', '港', '']);
	});
	it('fills the shot list’s Cast column, quoted when a name holds a comma', () => {
		const csv = shotListCsv(
			[shot('a', 0, { cast: ['m2', 'gone', 'm1'] })],
			new Map(),
			{ kind: 'video' },
			names
		);
		const [heading, row] = csv.slice(1).split('\r\n');
		expect(heading!.split(',').at(-1)).toBe('Cast');
		expect(row!.endsWith(',"Tomás, the ferryman, Mara"')).toBe(true);
	});
});
